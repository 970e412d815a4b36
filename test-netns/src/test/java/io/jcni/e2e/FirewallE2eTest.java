package io.jcni.e2e;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The firewall plugin chained after bridge, through cnitool, with traffic: in a sandbox host whose
 * FORWARD policy is DROP (set inside the sandbox host only), the pod still reaches the external
 * network by ping and TCP, in both families, because of the firewall plugin's accept rules; the
 * same conflist without the firewall plugin does not get through. A subclass picks the
 * {@link PluginSet}: the reference Go plugins must pass the same test.
 */
abstract class FirewallE2eTest {
    static final int TCP_PORT = 8080;

    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    FirewallE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    /** bridge (gateway, masquerade, dual stack, default route), then firewall (iptables) when asked. */
    static BridgeConflist network(String version, Path ipam, boolean withFirewall) {
        BridgeConflist net = new BridgeConflist(version, ipam)
                .option("isGateway", true).option("isDefaultGateway", true).option("ipMasq", true)
                .subnet(BridgeE2eTest.SUBNET4).subnet(BridgeE2eTest.SUBNET6);
        return withFirewall ? net.chain(Json.object().put("type", "firewall").put("backend", "iptables")) : net;
    }

    /** The filter tables of both families as iptables-save prints them, without comments and counters. */
    static String filterRules(Netns host) {
        String save = host.exec("iptables-save", "-t", "filter").orFail().stdout()
                + host.exec("ip6tables-save", "-t", "filter").orFail().stdout();
        return save.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static void dropForwarding(SandboxHost host) {
        host.exec("iptables", "-P", "FORWARD", "DROP").orFail();
        host.exec("ip6tables", "-P", "FORWARD", "DROP").orFail();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.4.0", "1.0.0"})
    void underAForwardPolicyOfDropThePodStillReachesTheOutside(String version) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        dropForwarding(host);
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = network(version, work.resolve("ipam"), true);
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));
        assertTrue(filterRules(host).contains("-s " + result.ip(false) + "/32 -j ACCEPT"), filterRules(host));

        pod.ping(ExternalNetwork.IPV4).orFail();
        pod.ping(ExternalNetwork.IPV6).orFail();
        try (TcpServer server = TcpServer.start(ext, TCP_PORT, "through-the-firewall")) {
            assertEquals("through-the-firewall", server.fetchFrom(pod, ExternalNetwork.IPV4, TCP_PORT));
        }
        try (TcpServer server = TcpServer.start(ext, TCP_PORT, "through-the-firewall-6")) {
            assertEquals("through-the-firewall-6", server.fetchFrom(pod, ExternalNetwork.IPV6, TCP_PORT));
        }
        cni.check(net.name(), Attachment.of(pod));

        cni.del(net.name(), Attachment.of(pod));
        assertFalse(filterRules(host).contains(result.ip(false)), filterRules(host));
        assertFalse(filterRules(host).contains(result.ip(true)), filterRules(host));
    }

    /**
     * Two networks on two bridges in one host, each chaining {@code firewall} with
     * {@code firewallOptions}: whether a pod of the first reaches a pod of the second (ping).
     */
    boolean podsOnTwoBridgesTalk(PluginSet set, com.fasterxml.jackson.databind.node.ObjectNode firewallOptions) {
        SandboxHost host = lab.host();
        PausePod first = lab.pausePod();
        PausePod second = lab.pausePod();
        BridgeConflist a = new BridgeConflist("1.0.0", work.resolve("a/ipam")).option("bridge", "cni0")
                .option("isDefaultGateway", true).option("ipMasq", true).subnet(BridgeE2eTest.SUBNET4)
                .chain(firewallOptions.deepCopy().put("type", "firewall"));
        BridgeConflist b = new BridgeConflist("1.0.0", work.resolve("b/ipam")).option("bridge", "cni1")
                .option("isDefaultGateway", true).option("ipMasq", true).subnet("10.23.0.0/24")
                .chain(firewallOptions.deepCopy().put("type", "firewall"));
        CniTool cniA = new CniTool(set, host, work.resolve("a"));
        CniTool cniB = new CniTool(set, host, work.resolve("b"));
        cniA.install(a);
        cniB.install(b);
        cniA.add(a.name(), Attachment.of(first));
        AddResult inB = cniB.add(b.name(), Attachment.of(second));
        first.ping(BridgeE2eTest.GATEWAY4).orFail();
        return first.ping(inB.ip(false), Duration.ofSeconds(3)).ok();
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "same-bridge"})
    void ingressPolicySameBridgeIsolatesBridgesAndOpenDoesNot(String policy) {
        boolean talk = podsOnTwoBridgesTalk(plugins, Json.object().put("backend", "iptables").put("ingressPolicy", policy));
        assertEquals(policy.equals("open"), talk, policy);
    }

    /** The control: the drop policy does stop the pod when no firewall plugin lets it through. */
    @Test
    void withoutTheFirewallPluginTheDropPolicyStopsThePod() {
        SandboxHost host = lab.host();
        lab.external(host);
        PausePod pod = lab.pausePod();
        dropForwarding(host);
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = network("1.0.0", work.resolve("ipam"), false);
        cni.install(net);
        cni.add(net.name(), Attachment.of(pod));

        assertFalse(pod.ping(ExternalNetwork.IPV4, Duration.ofSeconds(3)).ok());
        assertFalse(pod.ping(ExternalNetwork.IPV6, Duration.ofSeconds(3)).ok());
        // The gateway is the host itself (INPUT, not FORWARD): still reachable, so the pod is up.
        pod.ping(BridgeE2eTest.GATEWAY4).orFail();
    }
}
