package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpPrefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpTextTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ipv6IsWrittenInRfc5952Form() throws Exception {
        assertEquals("fd00::5", IpText.format(ip("fd00:0:0:0:0:0:0:5")));
        assertEquals("::", IpText.format(ip("::")));
        assertEquals("::1", IpText.format(ip("::1")));
        assertEquals("2001:db8::1:0:0:1", IpText.format(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpText.format(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("ff00::", IpText.format(ip("ff00::")));
        assertEquals("fe80::abcd:1", IpText.format(ip("FE80::ABCD:1")));
    }

    @Test
    void ipv4IsDottedQuad() throws Exception {
        assertEquals("10.1.2.3", IpText.format(ip("10.1.2.3")));
    }

    @Test
    void networkClearsHostBits() throws Exception {
        assertEquals("10.1.2.0/24", IpText.format(IpText.network(new IpPrefix(ip("10.1.2.3"), 24))));
        assertEquals("10.0.0.0/15", IpText.format(IpText.network(new IpPrefix(ip("10.1.255.3"), 15))));
        assertEquals("fd00:1::/64", IpText.format(IpText.network(new IpPrefix(ip("fd00:1::5"), 64))));
        assertEquals("fd00:1::5/128", IpText.format(IpText.host(ip("fd00:1::5"))));
        assertEquals("10.1.2.3/32", IpText.format(IpText.host(ip("10.1.2.3"))));
    }
}
