package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge plugin end to end, driven through cnitool (libcni) with conflists of every spec version
 * libcni and the plugins share, in a sandbox host with pause-held pods and an external network.
 * A subclass picks the {@link PluginSet}: the same behaviour is required of the reference Go plugins
 * and of jcni's.
 */
abstract class BridgeE2eTest {
    static final String SUBNET4 = "10.22.0.0/24";
    static final String GATEWAY4 = "10.22.0.1";
    static final String SUBNET6 = "fd00:22::/64";
    static final String GATEWAY6 = "fd00:22::1";
    static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(15);

    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    BridgeE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    private CniTool cnitool(SandboxHost host) {
        return new CniTool(plugins, host, work.resolve("cni"));
    }

    /** A gateway network with masquerade and a default route: the common pod network. */
    private BridgeConflist network(String version) {
        return new BridgeConflist(version, work.resolve("ipam"))
                .option("isGateway", true)
                .option("isDefaultGateway", true)
                .option("ipMasq", true);
    }

    /** The pod pings the external network, where tcpdump sees the host's address as the source: masquerade. */
    private static void assertPingArrivesFromTheHost(Pod pod, ExternalNetwork ext, boolean ipv6) {
        String filter = ipv6 ? PacketCapture.ICMP6_ECHO_REQUEST : PacketCapture.ICMP_ECHO_REQUEST;
        try (PacketCapture capture = PacketCapture.start(ext, ExternalNetwork.INTERFACE, filter)) {
            pod.ping(ipv6 ? ExternalNetwork.IPV6 : ExternalNetwork.IPV4).orFail();
            assertEquals(ipv6 ? ExternalNetwork.HOST_IPV6 : ExternalNetwork.HOST_IPV4, capture.firstSource(CAPTURE_TIMEOUT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void addReturnsTheVersionedResultAndThePodReachesItsGateway(String version) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));

        assertEquals(version, result.cniVersion());
        List<JsonNode> interfaces = result.interfaces();
        assertEquals(3, interfaces.size(), result.json().toString());
        assertEquals(BridgeConflist.BRIDGE, interfaces.get(0).path("name").asText());
        assertFalse(interfaces.get(0).has("sandbox"));
        assertEquals(result.hostVeth(), interfaces.get(1).path("name").asText());
        assertEquals("eth0", interfaces.get(2).path("name").asText());
        assertEquals(pod.netnsPath().toString(), interfaces.get(2).path("sandbox").asText());
        JsonNode ip = result.ips().get(0);
        assertEquals(2, ip.path("interface").asInt());
        assertEquals(version.equals("1.0.0") ? "" : "4", ip.path("version").asText());
        assertEquals(GATEWAY4, result.gateway(false));
        assertTrue(result.address(false).matches("10\\.22\\.0\\.\\d+/24"), result.address(false));

        assertEquals(List.of(result.address(false)), Inspect.addresses(pod, "eth0"));
        assertEquals(List.of(GATEWAY4 + "/24"), Inspect.addresses(host, BridgeConflist.BRIDGE));
        assertEquals(BridgeConflist.BRIDGE, Inspect.link(host, result.hostVeth()).path("master").asText());
        assertFalse(Inspect.bridgePort(host, result.hostVeth()).path("hairpin").asBoolean());
        assertEquals("1", Inspect.sysctl(host, "net.ipv4.ip_forward"));
        String defaultRoute = pod.exec("ip", "-4", "route", "show", "default").orFail().stdout();
        assertTrue(defaultRoute.contains("via " + GATEWAY4 + " dev eth0"), defaultRoute);
        pod.ping(GATEWAY4).orFail();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void podsOnTheSameBridgeReachEachOther(String version) {
        SandboxHost host = lab.host();
        PausePod first = lab.pausePod();
        PausePod second = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4);
        cni.install(net);

        AddResult a = cni.add(net.name(), Attachment.of(first));
        AddResult b = cni.add(net.name(), Attachment.of(second));

        assertFalse(a.ip(false).equals(b.ip(false)), "both pods got " + a.ip(false));
        assertEquals(List.of(a.hostVeth(), b.hostVeth()).stream().sorted().toList(),
                Inspect.links(host, "veth").stream().sorted().toList());
        first.ping(b.ip(false)).orFail();
        second.ping(a.ip(false)).orFail();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void podReachesTheExternalNetworkMasqueradedAsTheHost(String version) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));

        assertTrue(Inspect.natRulesMention(host, result.ip(false)), "no masquerade rule for " + result.ip(false));
        assertPingArrivesFromTheHost(pod, ext, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void ipv6PodReachesItsGatewayAndTheExternalNetworkMasqueraded(String version) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET6);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));

        assertEquals(1, result.ips().size(), result.json().toString());
        assertEquals(version.equals("1.0.0") ? "" : "6", result.ips().get(0).path("version").asText());
        assertTrue(result.address(true).startsWith("fd00:22::"), result.address(true));
        assertEquals(GATEWAY6, result.gateway(true));
        assertEquals(List.of(result.address(true)), Inspect.addresses(pod, "eth0"));
        assertEquals("1", Inspect.sysctl(host, "net.ipv6.conf.all.forwarding"));
        pod.ping(GATEWAY6).orFail();
        assertPingArrivesFromTheHost(pod, ext, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void dualStackPodGetsOneAddressOfEachFamilyAndReachesBoth(String version) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        PausePod peer = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4).subnet(SUBNET6);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));
        AddResult other = cni.add(net.name(), Attachment.of(peer));

        assertEquals(2, result.ips().size(), result.json().toString());
        assertEquals(List.of(result.address(false), result.address(true)), Inspect.addresses(pod, "eth0"));
        assertEquals(List.of(GATEWAY4 + "/24", GATEWAY6 + "/64"), Inspect.addresses(host, BridgeConflist.BRIDGE));
        pod.ping(other.ip(false)).orFail();
        pod.ping(other.ip(true)).orFail();
        assertPingArrivesFromTheHost(pod, ext, false);
        assertPingArrivesFromTheHost(pod, ext, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void mtuAppliesToTheBridgeAndBothEndsOfTheVeth(String version) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4).option("mtu", 1400);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));

        assertEquals(1400, Inspect.link(pod, "eth0").path("mtu").asInt());
        assertEquals(1400, Inspect.link(host, result.hostVeth()).path("mtu").asInt());
        assertEquals(1400, Inspect.link(host, BridgeConflist.BRIDGE).path("mtu").asInt());
        // A full-size packet for this MTU passes without fragmentation: 1400 - 20 (IP) - 8 (ICMP).
        pod.exec("ping", "-n", "-c", "1", "-w", "10", "-M", "do", "-s", "1372", GATEWAY4).orFail();
        assertFalse(pod.exec("ping", "-n", "-c", "1", "-w", "2", "-M", "do", "-s", "1373", GATEWAY4).ok());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void hairpinModeLetsAPodReachItselfThroughAHostPort(String version) {
        SandboxHost host = lab.host();
        lab.external(host);
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4).option("hairpinMode", true)
                .chain(Json.object().put("type", "portmap").put("snat", true)
                        .set("capabilities", Json.object().put("portMappings", true)));
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod), Map.of("CAP_ARGS",
                "{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}]}"));

        assertTrue(Inspect.bridgePort(host, result.hostVeth()).path("hairpin").asBoolean());
        // The pod connects to its own port through the host's address: DNAT sends the packet back
        // out of the port it came in, which only hairpin mode allows.
        try (TcpServer server = TcpServer.start(pod, 80, "hairpin-ok")) {
            assertEquals("hairpin-ok", server.fetchFrom(pod, ExternalNetwork.HOST_IPV4, 8080));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void macSpoofCheckDropsTrafficFromAPodThatChangedItsMac(boolean macspoofchk) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network("1.0.0").subnet(SUBNET4).option("macspoofchk", macspoofchk);
        cni.install(net);
        cni.add(net.name(), Attachment.of(pod));
        pod.ping(GATEWAY4).orFail();

        pod.exec("ip", "link", "set", "dev", "eth0", "address", "02:00:00:00:be:ef").orFail();
        // Both ends forget the old MAC, so only the spoof check can stand in the way.
        host.exec("ip", "neigh", "flush", "dev", BridgeConflist.BRIDGE).orFail();
        pod.exec("ip", "neigh", "flush", "dev", "eth0").orFail();

        // Without the check the pod keeps talking (a control that the change alone breaks nothing).
        assertEquals(!macspoofchk, pod.ping(GATEWAY4, Duration.ofSeconds(macspoofchk ? 3 : 10)).ok());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.4.0", "1.0.0"})
    void checkPassesAfterAdd(String version) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4).subnet(SUBNET6);
        cni.install(net);
        cni.add(net.name(), Attachment.of(pod));

        cni.check(net.name(), Attachment.of(pod));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.4.0", "1.0.0"})
    void checkFailsAfterThePodAddressIsDeleted(String version) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4);
        cni.install(net);
        AddResult result = cni.add(net.name(), Attachment.of(pod));
        pod.exec("ip", "addr", "del", result.address(false), "dev", "eth0").orFail();

        CniFailure failure = assertThrows(CniFailure.class, () -> cni.check(net.name(), Attachment.of(pod)));

        assertTrue(failure.error().contains(result.ip(false)), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void delRemovesTheVethTheReservationAndTheMasqueradeRules(String version) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4).subnet(SUBNET6);
        cni.install(net);
        AddResult result = cni.add(net.name(), Attachment.of(pod));
        assertEquals(List.of(result.ip(false), result.ip(true)).stream().sorted().toList(),
                Inspect.reservations(net.reservations()));
        assertTrue(Inspect.natRulesMention(host, result.ip(false)));
        assertTrue(Inspect.natRulesMention(host, result.ip(true)));

        cni.del(net.name(), Attachment.of(pod));

        Leftovers.assertNone(host, net, result);
        assertEquals(List.of("lo"), Inspect.links(pod));
        assertFalse(Inspect.natRules(host).contains(pod.name()), Inspect.natRules(host));
        // DEL is idempotent: a second one finds nothing and succeeds.
        cni.del(net.name(), Attachment.of(pod));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void bindMountedNetnsPodIsConnectedAndReleased(String version) {
        SandboxHost host = lab.host();
        NetnsPod pod = lab.netnsPod();
        CniTool cni = cnitool(host);
        BridgeConflist net = network(version).subnet(SUBNET4);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));

        assertEquals(pod.netnsPath().toString(), result.interfaces().get(2).path("sandbox").asText());
        pod.ping(GATEWAY4).orFail();
        cni.del(net.name(), Attachment.of(pod));
        assertEquals(List.of("lo"), Inspect.links(pod));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
    }
}
