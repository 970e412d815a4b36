package io.jcni.plugin.portmap;

import io.jcni.conf.Verb;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.conntrack.Conntrack;
import io.jcni.netlink.conntrack.ConntrackEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ADD flushes the host's UDP conntrack entries to the mapped host ports (both families), and only those. */
class PortmapConntrackTest {
    private PortmapLab lab;

    @BeforeEach
    void setUp() {
        lab = new PortmapLab();
        lab.host.exec("ip", "link", "set", "lo", "up");
        // A rule that looks at conntrack state makes the namespace track connections.
        lab.host.exec("nft", "add table inet t; add chain inet t c { type filter hook output priority 0; };"
                + " add rule inet t c ct state new counter");
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void addFlushesStaleUdpEntriesOfTheMappedPortsOnly() throws Exception {
        send("127.0.0.1", 8081, 8082, 8080);
        send("::1", 8081, 8082);
        assertEquals(Set.of(8080, 8081, 8082), udpPorts(IpFamily.IPV4));

        lab.plugin.add(lab.request(Verb.ADD, "ctr-ct", PortmapLab.config(PortmapLab.MAPPINGS, "")));

        // 8081/udp is mapped; 8082 is not, and 8080 is mapped for tcp only.
        assertEquals(Set.of(8080, 8082), udpPorts(IpFamily.IPV4));
        assertEquals(Set.of(8082), udpPorts(IpFamily.IPV6));
    }

    private Set<Integer> udpPorts(IpFamily family) {
        try (Conntrack ct = Conntrack.open(lab.host.namespace())) {
            return ct.list(family).stream().map(ConntrackEntry::original).filter(t -> t.protocol() == 17)
                    .map(t -> t.destinationPort()).collect(Collectors.toSet());
        }
    }

    private void send(String address, int... ports) {
        StringBuilder py = new StringBuilder("import socket\ns = socket.socket(socket.")
                .append(address.contains(":") ? "AF_INET6" : "AF_INET").append(", socket.SOCK_DGRAM)\n");
        for (int p : ports) {
            py.append("s.sendto(b'x', ('").append(address).append("', ").append(p).append("))\n");
        }
        lab.host.exec("python3", "-c", py.toString());
    }
}
