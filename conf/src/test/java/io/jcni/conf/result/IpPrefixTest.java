package io.jcni.conf.result;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpPrefixTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void subnetClearsHostBits() throws Exception {
        assertEquals(new IpPrefix(ip("10.1.2.0"), 24), new IpPrefix(ip("10.1.2.3"), 24).subnet());
        assertEquals(new IpPrefix(ip("10.0.0.0"), 15), new IpPrefix(ip("10.1.255.3"), 15).subnet());
        assertEquals(new IpPrefix(ip("fd00:1::"), 64), new IpPrefix(ip("fd00:1::5"), 64).subnet());
        assertEquals(new IpPrefix(ip("0.0.0.0"), 0), new IpPrefix(ip("10.1.2.3"), 0).subnet());
    }

    @Test
    void hostIsTheFullLengthPrefix() throws Exception {
        assertEquals(new IpPrefix(ip("fd00:1::5"), 128), IpPrefix.host(ip("fd00:1::5")));
        assertEquals(new IpPrefix(ip("10.1.2.3"), 32), IpPrefix.host(ip("10.1.2.3")));
    }

    @Test
    void containsChecksFamilyAndPrefix() throws Exception {
        IpPrefix p = new IpPrefix(ip("10.1.2.3"), 24);
        assertTrue(p.contains(ip("10.1.2.200")));
        assertFalse(p.contains(ip("10.1.3.1")));
        assertFalse(p.contains(ip("fd00::1")));
    }

    @Test
    void firstAndLastAddressOfTheSubnet() throws Exception {
        IpPrefix p = new IpPrefix(ip("10.1.2.3"), 23);
        assertEquals(ip("10.1.2.0"), p.firstAddress());
        assertEquals(ip("10.1.3.255"), p.lastAddress());
        assertEquals(ip("fd00::ffff"), new IpPrefix(ip("fd00::5"), 112).lastAddress());
    }

    @Test
    void overlapsWhenOneContainsTheOther() throws Exception {
        IpPrefix wide = new IpPrefix(ip("10.1.0.0"), 16);
        assertTrue(wide.overlaps(new IpPrefix(ip("10.1.200.0"), 24)));
        assertTrue(new IpPrefix(ip("10.1.200.0"), 24).overlaps(wide));
        assertFalse(wide.overlaps(new IpPrefix(ip("10.2.0.0"), 16)));
        assertFalse(wide.overlaps(new IpPrefix(ip("fd00::"), 16)));
    }
}
