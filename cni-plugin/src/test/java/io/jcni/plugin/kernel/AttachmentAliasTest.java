package io.jcni.plugin.kernel;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttachmentAliasTest {
    @Test
    void roundTrips() {
        AttachmentAlias a = new AttachmentAlias("net-1", "ctr.9_x", "eth0");
        assertEquals("jcni:net-1:ctr.9_x:eth0", a.text());
        assertEquals(Optional.of(a), AttachmentAlias.parse(a.text()));
    }

    @Test
    void foreignOrBrokenAliasesAreNotOurs() {
        assertEquals(Optional.empty(), AttachmentAlias.parse(null));
        assertEquals(Optional.empty(), AttachmentAlias.parse("uplink"));
        assertEquals(Optional.empty(), AttachmentAlias.parse("jcni:net:ctr"));
        assertEquals(Optional.empty(), AttachmentAlias.parse("jcni:net::eth0"));
        assertEquals(Optional.empty(), AttachmentAlias.parse("jcni:a:b:c:d"));
    }
}
