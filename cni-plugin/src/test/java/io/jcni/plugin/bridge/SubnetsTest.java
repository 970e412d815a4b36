package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpPrefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetsTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void networkClearsHostBits() throws Exception {
        assertEquals(new IpPrefix(ip("10.1.2.0"), 24), Subnets.network(new IpPrefix(ip("10.1.2.3"), 24)));
        assertEquals(new IpPrefix(ip("10.0.0.0"), 15), Subnets.network(new IpPrefix(ip("10.1.255.3"), 15)));
        assertEquals(new IpPrefix(ip("fd00:1::"), 64), Subnets.network(new IpPrefix(ip("fd00:1::5"), 64)));
        assertEquals(new IpPrefix(ip("0.0.0.0"), 0), Subnets.network(new IpPrefix(ip("10.1.2.3"), 0)));
    }

    @Test
    void hostIsTheFullLengthPrefix() throws Exception {
        assertEquals(new IpPrefix(ip("fd00:1::5"), 128), Subnets.host(ip("fd00:1::5")));
        assertEquals(new IpPrefix(ip("10.1.2.3"), 32), Subnets.host(ip("10.1.2.3")));
    }

    @Test
    void containsChecksFamilyAndPrefix() throws Exception {
        IpPrefix p = new IpPrefix(ip("10.1.2.3"), 24);
        assertTrue(Subnets.contains(p, ip("10.1.2.200")));
        assertFalse(Subnets.contains(p, ip("10.1.3.1")));
        assertFalse(Subnets.contains(p, ip("fd00::1")));
    }
}
