package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.ValidAttachment;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.ipam.IpamErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.jcni.ipam.hostlocal.Ranges.ip;
import static io.jcni.ipam.hostlocal.Ranges.ips;
import static io.jcni.ipam.hostlocal.Ranges.range;
import static io.jcni.ipam.hostlocal.Ranges.set;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostLocalNetworkTest {
    @TempDir
    Path data;

    private HostLocalNetwork dualStack() throws CniException {
        return new HostLocalNetwork("net1", List.of(set(range("10.0.0.0/29")), set(range("2001:db8::/126"))),
                HostLocalStore.of(data, "net1"));
    }

    private HostLocalNetwork small() throws CniException {
        return new HostLocalNetwork("net1", List.of(set(range("10.0.0.0/29"))), HostLocalStore.of(data, "net1"));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("net1"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void allocatesOnePerRangeSetWithGateways() throws CniException {
        List<IpConfig> got = dualStack().allocate("c1", "eth0", List.of());
        assertEquals(List.of(
                new IpConfig(new IpPrefix(ip("10.0.0.2"), 29), ip("10.0.0.1"), null),
                new IpConfig(new IpPrefix(ip("2001:db8::2"), 126), ip("2001:db8::1"), null)), got);
    }

    @Test
    void roundRobinDoesNotReuseAReleasedAddressAtOnce() throws CniException {
        HostLocalNetwork n = small();
        assertEquals(ip("10.0.0.2"), n.allocate("c1", "eth0", List.of()).getFirst().address().address());
        n.release("c1", "eth0");
        assertEquals(ip("10.0.0.3"), n.allocate("c2", "eth0", List.of()).getFirst().address().address());
    }

    @Test
    void exhaustionIsCode100NamingTheNetworkAndKeepsNothing() throws Exception {
        HostLocalNetwork n = dualStack();
        // the IPv6 set (/126: ::2, ::3) runs out before the IPv4 one
        n.allocate("c1", "eth0", List.of());
        n.allocate("c2", "eth0", List.of());
        List<String> before = files();
        CniException e = assertThrows(CniException.class, () -> n.allocate("c3", "eth0", List.of()));
        assertEquals(IpamErrors.RANGE_EXHAUSTED, e.code());
        assertTrue(e.msg().contains("net1") && e.msg().contains("range set 1"), e.msg());
        assertEquals(before, files(), "the IPv4 address reserved for c3 is released again");
    }

    @Test
    void secondAddForTheSameAttachmentGetsItsOwnAddressAgain() throws Exception {
        HostLocalNetwork n = small();
        InetAddress first = n.allocate("c1", "eth0", List.of()).getFirst().address().address();
        List<String> before = files();
        assertEquals(first, n.allocate("c1", "eth0", List.of()).getFirst().address().address(),
                "an ADD repeated after a reboot (store kept) gets the attachment's address back");
        assertEquals(before, files(), "nothing reserved twice");
        assertEquals(first, n.allocate("c1", "eth0", List.of(first)).getFirst().address().address());
        CniException e = assertThrows(CniException.class, () -> n.allocate("c1", "eth0", ips("10.0.0.5")));
        assertEquals(IpamErrors.ALREADY_ALLOCATED, e.code());
        assertTrue(e.msg().contains("10.0.0.5"), e.msg());
        assertDoesNotThrow(() -> n.allocate("c1", "eth1", List.of()), "another interface is another attachment");
    }

    @Test
    void requestedAddresses() throws Exception {
        HostLocalNetwork n = dualStack();
        List<IpConfig> got = n.allocate("c1", "eth0", ips("2001:db8::3", "10.0.0.5"));
        assertEquals(ip("10.0.0.5"), got.get(0).address().address());
        assertEquals(ip("2001:db8::3"), got.get(1).address().address());
        assertEquals("10.0.0.5", Files.readString(data.resolve("net1/last_reserved_ip.0")));
    }

    @Test
    void requestedAddressRulesAreCode101AndKeepNothing() throws Exception {
        HostLocalNetwork n = dualStack();
        n.allocate("c1", "eth0", ips("10.0.0.4"));
        List<String> before = files();
        String[][] cases = {
                {"10.0.0.4", "already reserved"},
                {"10.0.0.1", "gateway"},
                {"10.0.0.7", "not in any range set"},   // broadcast
                {"192.0.2.1", "not in any range set"},
                {"10.0.0.2,10.0.0.3", "both in range set 0"}};
        for (String[] c : cases) {
            CniException e = assertThrows(CniException.class, () -> n.allocate("c2", "eth0", ips(c[0].split(","))));
            assertEquals(IpamErrors.ADDRESS_UNAVAILABLE, e.code(), c[0]);
            assertTrue(e.msg().contains(c[1]) && e.msg().contains("net1"), e.msg());
            assertEquals(before, files(), c[0]);
        }
    }

    @Test
    void releaseByIdAndIfnameThenLegacyIdAlone() throws Exception {
        HostLocalNetwork n = small();
        n.allocate("c1", "eth0", List.of());
        n.allocate("c1", "eth1", List.of());
        Files.writeString(data.resolve("net1/10.0.0.6"), "c1"); // written by an old reference version
        n.release("c1", "eth0");
        assertEquals(List.of("10.0.0.3", "10.0.0.6", "last_reserved_ip.0", "lock"), files());
        n.release("c1", "eth1");
        assertEquals(List.of("10.0.0.6", "last_reserved_ip.0", "lock"), files());
        n.release("c1", "eth1"); // no exact entry left: the legacy one goes
        assertEquals(List.of("last_reserved_ip.0", "lock"), files());
    }

    @Test
    void releasingAnUnknownContainerSucceedsAndCreatesNothing() throws CniException {
        small().release("nobody", "eth0");
        assertFalse(Files.exists(data.resolve("net1")));
    }

    @Test
    void verifyChecksEveryRangeSetAndThePreviousResult() throws CniException {
        HostLocalNetwork n = dualStack();
        n.allocate("c1", "eth0", List.of());
        assertDoesNotThrow(() -> n.verify("c1", "eth0", ips("10.0.0.2", "2001:db8::2", "192.0.2.1")));
        CniException wrong = assertThrows(CniException.class, () -> n.verify("c1", "eth0", ips("10.0.0.3")));
        assertEquals(IpamErrors.NOT_ALLOCATED, wrong.code());
        assertTrue(wrong.msg().contains("10.0.0.3"), wrong.msg());
        CniException none = assertThrows(CniException.class, () -> n.verify("c2", "eth0", List.of()));
        assertEquals(IpamErrors.NOT_ALLOCATED, none.code());
        assertTrue(none.msg().contains("range set 0"), none.msg());
    }

    @Test
    void gcReleasesEverythingNotValid() throws Exception {
        HostLocalNetwork n = small();
        n.allocate("keep", "eth0", List.of());   // .2
        n.allocate("gone", "eth0", List.of());   // .3
        n.allocate("keep", "eth1", List.of());   // .4
        Files.writeString(data.resolve("net1/10.0.0.6"), "keep"); // legacy entry of a valid container
        Files.writeString(data.resolve("net1/10.0.0.5"), "old");  // legacy entry of a gone one
        List<Reservation> released = n.collect(List.of(new ValidAttachment("keep", "eth0")));
        assertEquals(3, released.size());
        assertEquals(List.of("10.0.0.2", "10.0.0.6", "last_reserved_ip.0", "lock"), files());
    }

    @Test
    void statusIs50WhenARangeSetIsFull() throws CniException {
        HostLocalNetwork n = small();
        assertDoesNotThrow(n::checkAvailable);
        for (int i = 0; i < 5; i++) {
            n.allocate("c" + i, "eth0", List.of());
        }
        CniException e = assertThrows(CniException.class, n::checkAvailable);
        assertEquals(50, e.code());
        assertTrue(e.msg().contains("net1"), e.msg());
        n.release("c3", "eth0");
        assertDoesNotThrow(n::checkAvailable);
        InetAddress again = n.allocate("c9", "eth0", List.of()).getFirst().address().address();
        assertEquals(ip("10.0.0.5"), again);
    }
}
