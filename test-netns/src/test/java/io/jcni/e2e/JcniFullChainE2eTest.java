package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jcni's full chain through cnitool: every plugin of the chain is jcni's, none falls back to the reference. */
class JcniFullChainE2eTest extends FullChainE2eTest {
    JcniFullChainE2eTest() {
        super(PluginSet.jcni());
    }

    @Test
    void everyPluginOfTheChainIsJcnis() {
        for (String type : List.of("bridge", "host-local", "portmap", "firewall", "tuning", "bandwidth", "loopback")) {
            assertTrue(PluginSet.jcni().find(type).orElseThrow().startsWith(JcniInstall.binDirectory()), type);
        }
    }

    /**
     * GC (spec 1.1.0, jcni's: the reference 1.1.1 plugins stop at 1.0.0) with an empty {@code cni.dev/valid-attachments}, sent to each plugin of the
     * chain in order with its own entry as libcni's GC does, removes everything the pod's ADD made.
     * cnitool here has no GC verb, so the plugins are called directly. The firewall runs its
     * nftables backend here: the iptables backend writes the reference's accept rules, which name
     * no attachment, so GC cannot tell whose they are and leaves them (see firewall's GcCommand).
     */
    @Test
    void gcWithNoValidAttachmentRemovesEverything() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(PluginSet.jcni(), host, work.resolve("cni"));
        BridgeConflist net = FullChainConflist.of("1.0.0", work);
        ((ObjectNode) net.json().path("plugins").get(2)).put("backend", "nftables");
        cni.install(net);
        AddResult added = cni.add(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);

        PluginCall call = new PluginCall(PluginSet.jcni(), host);
        for (JsonNode plugin : net.json().path("plugins")) {
            ObjectNode gc = ((ObjectNode) plugin.deepCopy()).put("cniVersion", "1.1.0").put("name", net.name());
            gc.putArray("cni.dev/valid-attachments");
            call.run(plugin.path("type").asText(), "GC", null, gc).orFail();
        }

        FullChainLeftovers.assertNone(host, net, work, added);
    }
}
