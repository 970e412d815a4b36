package io.jcni.e2e.bridge;

import io.jcni.e2e.AddResult;
import io.jcni.e2e.Attachment;
import io.jcni.e2e.BridgeConflist;
import io.jcni.e2e.CniTool;
import io.jcni.e2e.Inspect;
import io.jcni.e2e.Lab;
import io.jcni.e2e.PausePod;
import io.jcni.e2e.PluginSet;
import io.jcni.e2e.SandboxHost;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through cnitool with one result cache and one IPAM store, as on a node that switches plugins
 * with live pods: a pod the reference Go bridge added is deleted cleanly by jcni's, and the other
 * way round; and jcni's DEL cleans the reference's masquerade rules even after the pod is gone.
 */
class CrossPluginE2eTest {
    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private BridgeConflist network() {
        return new BridgeConflist("1.0.0", work.resolve("ipam"))
                .option("isGateway", true)
                .option("isDefaultGateway", true)
                .option("ipMasq", true)
                .subnet("10.22.0.0/24")
                .subnet("fd00:22::/64");
    }

    private CniTool cnitool(PluginSet plugins, SandboxHost host, BridgeConflist net) {
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        cni.install(net);
        return cni;
    }

    private static void assertNothingLeft(SandboxHost host, BridgeConflist net, AddResult added) {
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
        assertFalse(Inspect.natRulesMention(host, added.ip(false)), Inspect.natRules(host));
        assertFalse(Inspect.natRulesMention(host, added.ip(true)), Inspect.natRules(host));
    }

    @Test
    void jcniDeletesAPodTheReferenceAdded() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = network();
        AddResult added = cnitool(PluginSet.reference(), host, net).add(net.name(), Attachment.of(pod));
        assertTrue(Inspect.natRulesMention(host, added.ip(false)));

        cnitool(PluginSet.jcni(), host, net).del(net.name(), Attachment.of(pod));

        assertNothingLeft(host, net, added);
        assertEquals(List.of("lo"), Inspect.links(pod));
    }

    @Test
    void theReferenceDeletesAPodJcniAdded() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = network();
        AddResult added = cnitool(PluginSet.jcni(), host, net).add(net.name(), Attachment.of(pod));
        assertTrue(Inspect.natRulesMention(host, added.ip(true)));

        cnitool(PluginSet.reference(), host, net).del(net.name(), Attachment.of(pod));

        assertNothingLeft(host, net, added);
        assertEquals(List.of("lo"), Inspect.links(pod));
    }

    /** The reference leaks its masquerade chain when the netns is gone at DEL; jcni finds it by name. */
    @Test
    void jcniCleansTheReferencesRulesAfterThePodVanished() {
        SandboxHost host = lab.host();
        PausePod pod = PausePod.start();
        BridgeConflist net = network();
        AddResult added;
        try {
            added = cnitool(PluginSet.reference(), host, net).add(net.name(), Attachment.of(pod));
        } finally {
            pod.close();
        }

        cnitool(PluginSet.jcni(), host, net).del(net.name(), Attachment.of(pod));

        assertNothingLeft(host, net, added);
    }
}
