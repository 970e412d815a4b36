package io.jcni.plugin.bridge;

import io.jcni.plugin.rules.Sha512sum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostVethNameTest {
    @Test
    void isVethPlusFirstEightHexOfSha512OfIdColonIfname() {
        // Expected value from coreutils, not from our hashing code.
        String expected = "veth" + Sha512sum.of("c0ffee-1:eth0").substring(0, 8);
        assertEquals(expected, HostVethName.of("c0ffee-1", "eth0"));
        assertEquals(12, HostVethName.of("c0ffee-1", "eth0").length());
    }

    @Test
    void differsByIfnameAndContainer() {
        assertNotEquals(HostVethName.of("a", "eth0"), HostVethName.of("a", "eth1"));
        assertNotEquals(HostVethName.of("a", "eth0"), HostVethName.of("b", "eth0"));
        assertEquals(HostVethName.of("a", "eth0"), HostVethName.of("a", "eth0"));
    }

    @Test
    void recognisesItsShape() {
        assertTrue(HostVethName.looksLike(HostVethName.of("x", "eth0")));
        assertTrue(HostVethName.looksLike("veth0a1b2c3d"));
        assertFalse(HostVethName.looksLike("veth0A1b2c3d"));
        assertFalse(HostVethName.looksLike("veth0a1b2c3"));
        assertFalse(HostVethName.looksLike("eth00a1b2c3d"));
    }
}
