package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bridge + portmap end to end through cnitool, with traffic: a pod's TCP and UDP host ports are
 * reached over IPv4 and IPv6 from the external network, from the sandbox host itself, from another
 * pod on the bridge and from the pod itself (hairpin), and, through route_localnet and the masquerade
 * mark, from 127.0.0.1 on the host, including a mapping bound to 127.0.0.1 only. A subclass picks
 * the {@link PluginSet}: the reference's behaviour is required of jcni's.
 */
abstract class PortmapE2eTest {
    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    PortmapE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    /** Extra portmap options of this run (the backend). */
    Map<String, String> portmapOptions() {
        return Map.of();
    }

    /** Whether CHECK of a dual-stack pod passes (the reference 1.1.1's fails: it looks for the IPv4 rules in ip6tables). */
    boolean checksDualStackPods() {
        return true;
    }

    @Test
    void hostPortsAreReachableFromEverywhere() {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        PausePod neighbour = lab.pausePod();
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = PortmapConflist.of("1.0.0", work.resolve("ipam"), portmapOptions());
        cni.install(net);
        cni.add(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        cni.add(net.name(), Attachment.of(neighbour));

        Map<String, Netns> clients = Map.of("external", ext, "host", host, "other pod", neighbour, "pod itself (hairpin)", pod);
        clients.forEach((who, client) -> {
            assertEquals("tcp-ok", tcp(pod, client, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT), who + " tcp");
            assertEquals("udp-ok", udp(pod, client, ExternalNetwork.HOST_IPV4, PortmapConflist.UDP_HOST_PORT), who + " udp");
        });
        clients.forEach((who, client) -> {
            assertEquals("tcp-ok", tcp(pod, client, ExternalNetwork.HOST_IPV6, PortmapConflist.TCP_HOST_PORT), who + " tcp6");
            assertEquals("udp-ok", udp(pod, client, ExternalNetwork.HOST_IPV6, PortmapConflist.UDP_HOST_PORT), who + " udp6");
        });
        assertEquals("tcp-ok", tcp(pod, host, "127.0.0.1", PortmapConflist.TCP_HOST_PORT), "localhost tcp");
        assertEquals("udp-ok", udp(pod, host, "127.0.0.1", PortmapConflist.UDP_HOST_PORT), "localhost udp");
        try (TcpServer server = TcpServer.start(pod, PortmapConflist.LOCALHOST_POD_PORT, "local-ok")) {
            assertEquals("local-ok", server.fetchFrom(host, "127.0.0.1", PortmapConflist.LOCALHOST_HOST_PORT));
        }

        if (checksDualStackPods()) {
            cni.check(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        }
        cni.del(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        cni.del(net.name(), Attachment.of(neighbour));
        assertNoPodRules(host);
    }

    /**
     * A UDP client already sending to the host port before the pod's ADD has a conntrack entry
     * without NAT; unless ADD flushes it, the flow keeps going to the host and never reaches the pod.
     */
    @Test
    void aUdpFlowStartedBeforeAddReachesThePodAfterAdd() {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod neighbour = lab.pausePod();
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = PortmapConflist.of("1.0.0", work.resolve("ipam"), portmapOptions());
        cni.install(net);
        cni.add(net.name(), Attachment.of(neighbour)); // the network exists, with its nat rules
        int sourcePort = 40123;
        UdpEchoServer.sendOnce(ext, ExternalNetwork.HOST_IPV4, PortmapConflist.UDP_HOST_PORT, sourcePort);
        assertTrue(hasUdpEntry(host, PortmapConflist.UDP_HOST_PORT), "the early datagram left a conntrack entry");

        cni.add(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);

        try (UdpEchoServer server = UdpEchoServer.start(pod, PortmapConflist.UDP_POD_PORT, "udp-ok")) {
            assertEquals("udp-ok", server.fetchFrom(ext, ExternalNetwork.HOST_IPV4, PortmapConflist.UDP_HOST_PORT, sourcePort));
        }
        cni.del(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        cni.del(net.name(), Attachment.of(neighbour));
    }

    private static boolean hasUdpEntry(SandboxHost host, int port) {
        try (io.jcni.netlink.ns.NetNamespace ns = io.jcni.netlink.ns.NetNamespace.open(host.netnsPath());
             io.jcni.netlink.conntrack.Conntrack ct = io.jcni.netlink.conntrack.Conntrack.open(ns)) {
            return ct.list(io.jcni.netlink.IpFamily.IPV4).stream().anyMatch(e -> e.original().protocol() == 17
                    && e.original().destinationPort() == port);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void addForwardsAndDelRemovesThePodRules(String version) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = PortmapConflist.of(version, work.resolve("ipam"), portmapOptions());
        cni.install(net);
        AddResult result = cni.add(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        assertEquals(version, result.cniVersion());
        assertEquals("tcp-ok", tcp(pod, ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT));

        cni.del(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        assertNoPodRules(host);
        assertFalse(Inspect.natRulesMention(host, result.ip(false)), Inspect.natRules(host));
        cni.del(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS); // a second DEL succeeds
    }

    static String tcp(Netns pod, Netns client, String address, int hostPort) {
        try (TcpServer server = TcpServer.start(pod, PortmapConflist.TCP_POD_PORT, "tcp-ok")) {
            return server.fetchFrom(client, address, hostPort);
        }
    }

    static String udp(Netns pod, Netns client, String address, int hostPort) {
        try (UdpEchoServer server = UdpEchoServer.start(pod, PortmapConflist.UDP_POD_PORT, "udp-ok")) {
            return server.fetchFrom(client, address, hostPort);
        }
    }

    /** No pod chain (iptables) and no rule forwarding to a pod (either backend) is left. */
    static void assertNoPodRules(SandboxHost host) {
        String nat = Inspect.natRules(host);
        assertFalse(nat.contains("CNI-DN-"), nat);
        String nft = host.exec("nft", "list", "ruleset").orFail().stdout();
        assertFalse(nft.contains("dnat"), nft);
    }
}
