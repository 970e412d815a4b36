package io.jcni.netlink.conntrack;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our ctnetlink client against the kernel in a scratch namespace: UDP datagrams over loopback
 * make entries (a ct state rule makes the namespace track connections), which we list with their
 * tuples and delete by destination port, leaving the others.
 */
@ExtendWith(ScratchNamespaceExtension.class)
class ConntrackKernelTest {
    private static final int UDP = 17;

    @Test
    void listsAndDeletesUdpEntriesByDestinationPortInBothFamilies(ScratchNamespace ns) throws Exception {
        ns.exec("ip", "link", "set", "lo", "up");
        // A rule that looks at conntrack state makes the namespace track connections.
        ns.exec("nft", "add table inet t; add chain inet t c { type filter hook output priority 0; };"
                + " add rule inet t c ct state new counter");
        send(ns, "127.0.0.1", 5001, 5002, 5003);
        send(ns, "::1", 5001, 5002);

        try (Conntrack ct = Conntrack.open(ns.namespace())) {
            assertEquals(Set.of(5001, 5002, 5003), udpPorts(ct.list(IpFamily.IPV4)));
            assertEquals(Set.of(5001, 5002), udpPorts(ct.list(IpFamily.IPV6)));
            ConntrackEntry e = ct.list(IpFamily.IPV4).stream().filter(x -> x.original().destinationPort() == 5003)
                    .findFirst().orElseThrow();
            assertEquals(InetAddress.getByName("127.0.0.1"), e.original().destination());
            assertEquals(5003, e.reply().sourcePort());
            assertEquals(e.original().sourcePort(), e.reply().destinationPort());

            assertEquals(1, ct.deleteMatching(IpFamily.IPV4, Conntrack.originalDestinationPort(UDP, 5001)));
            assertEquals(Set.of(5002, 5003), udpPorts(ct.list(IpFamily.IPV4)));
            assertEquals(Set.of(5001, 5002), udpPorts(ct.list(IpFamily.IPV6)), "the other family is untouched");
            assertEquals(1, ct.deleteMatching(IpFamily.IPV6, Conntrack.originalDestinationPort(UDP, 5001)));
            assertEquals(Set.of(5002), udpPorts(ct.list(IpFamily.IPV6)));
            assertEquals(0, ct.deleteMatching(IpFamily.IPV4, Conntrack.originalDestinationPort(6, 5002)),
                    "a TCP filter leaves UDP entries");
            assertTrue(ct.delete(e));
            assertFalse(ct.delete(e), "an entry already gone is reported, not an error");
            assertEquals(Set.of(5002), udpPorts(ct.list(IpFamily.IPV4)));
        }
    }

    private static Set<Integer> udpPorts(List<ConntrackEntry> entries) {
        return entries.stream().filter(e -> e.original().protocol() == UDP)
                .map(e -> e.original().destinationPort()).collect(Collectors.toSet());
    }

    /** One datagram from a fixed local port to each port (nobody listens: the entry is made anyway). */
    private static void send(ScratchNamespace ns, String address, int... ports) {
        StringBuilder py = new StringBuilder("import socket\ns = socket.socket(socket.")
                .append(address.contains(":") ? "AF_INET6" : "AF_INET").append(", socket.SOCK_DGRAM)\n");
        for (int p : ports) {
            py.append("s.sendto(b'x', ('").append(address).append("', ").append(p).append("))\n");
        }
        ns.exec("python3", "-c", py.toString());
    }
}
