package io.jcni.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jcni's installed plugins (bridge and firewall) through the same end-to-end firewall tests, plus
 * the nftables backend, which the reference does not have.
 */
class JcniFirewallE2eTest extends FirewallE2eTest {
    JcniFirewallE2eTest() {
        super(PluginSet.jcni());
    }

    @Test
    void nftablesBackendAddsChecksAndDeletesThroughCnitool() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(PluginSet.jcni(), host, work.resolve("cni"));
        BridgeConflist net = network("1.0.0", work.resolve("ipam"), false)
                .chain(Json.object().put("type", "firewall").put("backend", "nftables"));
        cni.install(net);

        AddResult result = cni.add(net.name(), Attachment.of(pod));
        String table = host.exec("nft", "list", "table", "inet", "cni_plugins_firewall").orFail().stdout();
        assertTrue(table.contains("ip saddr " + result.ip(false) + " accept comment"), table);
        assertTrue(table.contains("ip6 daddr " + result.ip(true) + " ct state established,related accept comment"), table);
        assertFalse(filterRules(host).contains("CNI-FORWARD"), filterRules(host));
        cni.check(net.name(), Attachment.of(pod));

        cni.del(net.name(), Attachment.of(pod));
        table = host.exec("nft", "list", "table", "inet", "cni_plugins_firewall").orFail().stdout();
        assertFalse(table.contains(result.ip(false)), table);
        assertFalse(table.contains(result.ip(true)), table);
        assertFalse(table.contains("accept comment"), table);
    }

    /** The chain's DEL after the pod's namespace vanished leaves nothing, with either backend. */
    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void delAfterThePodVanishedLeavesNothing(String backend) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(PluginSet.jcni(), host, work.resolve("cni"));
        BridgeConflist net = network("1.0.0", work.resolve("ipam"), false)
                .chain(Json.object().put("type", "firewall").put("backend", backend));
        cni.install(net);
        AddResult result = cni.add(net.name(), Attachment.of(pod));
        String before = filterRules(host) + host.exec("nft", "list", "ruleset").orFail().stdout();
        assertTrue(before.contains(result.ip(false)), before);
        pod.close();

        cni.del(net.name(), Attachment.of(pod));

        Leftovers.assertNone(host, net, result);
        String after = filterRules(host) + host.exec("nft", "list", "ruleset").orFail().stdout();
        assertFalse(after.contains(result.ip(false)), after);
        assertFalse(after.contains(result.ip(true)), after);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "same-bridge"})
    void nftablesIngressPolicySameBridgeIsolatesBridgesAndOpenDoesNot(String policy) {
        boolean talk = podsOnTwoBridgesTalk(PluginSet.jcni(), Json.object().put("backend", "nftables").put("ingressPolicy", policy));
        assertEquals(policy.equals("open"), talk, policy);
    }
}
