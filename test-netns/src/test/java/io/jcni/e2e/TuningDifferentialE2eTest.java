package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jcni's {@code tuning} chained after {@code bridge} against the reference chain through cnitool:
 * the same result (with the configured MAC on the pod interface), the same state of the pod's
 * interface and sysctls, CHECK, and each one's DEL restores from the other's backup and leaves
 * nothing behind.
 */
class TuningDifferentialE2eTest {
    private static final String MAC = "0a:58:0a:16:00:99";

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private BridgeConflist network(String version, Path dir) {
        ObjectNode tuning = Json.object().put("type", "tuning").put("dataDir", dir.resolve("tuning").toString())
                .put("mac", MAC).put("mtu", 1400).put("promisc", true).put("allmulti", true);
        tuning.putObject("sysctl").put("net.ipv4.conf.IFNAME.arp_notify", "1").put("net.core.somaxconn", "512");
        return new BridgeConflist(version, dir.resolve("ipam")).option("isGateway", true)
                .subnet(BridgeE2eTest.SUBNET4).chain(tuning);
    }

    private static Attachment attachment(Pod pod) {
        return Attachment.of(pod);
    }

    /**
     * What this conflist's tuning changes in the pod. (txqueuelen is left out: the reference bridge
     * creates its veth with txqueuelen 0, jcni's bridge keeps the kernel's 1000; not tuning's doing.)
     */
    private static String podState(Pod pod) {
        JsonNode eth0 = Inspect.link(pod, "eth0");
        return "mac=" + eth0.path("address").asText() + " mtu=" + eth0.path("mtu").asInt()
                + " promiscuity=" + eth0.path("promiscuity").asInt()
                + " flags=" + eth0.path("flags")
                + " arp_notify=" + Inspect.sysctl(pod, "net.ipv4.conf.eth0.arp_notify")
                + " somaxconn=" + Inspect.sysctl(pod, "net.core.somaxconn");
    }

    private static String podMac(AddResult r) {
        return r.interfaces().stream().filter(i -> i.path("name").asText().equals("eth0") && i.has("sandbox"))
                .map(i -> i.path("mac").asText()).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.4.0", "1.0.0"})
    void sameResultAndPodState(String version) {
        SandboxHost jcniHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod ours = lab.pausePod();
        PausePod theirs = lab.pausePod();
        CniTool jcni = new CniTool(PluginSet.jcni(), jcniHost, work.resolve("jcni"));
        CniTool reference = new CniTool(PluginSet.reference(), referenceHost, work.resolve("reference"));
        jcni.install(network(version, work.resolve("jcni")));
        reference.install(network(version, work.resolve("reference")));

        AddResult mine = jcni.add(BridgeConflist.NETWORK, attachment(ours));
        AddResult theirsResult = reference.add(BridgeConflist.NETWORK, attachment(theirs));

        assertEquals(KernelSnapshot.normalizedResult(theirsResult, theirs), KernelSnapshot.normalizedResult(mine, ours));
        assertEquals(MAC, podMac(mine));
        assertEquals(podMac(theirsResult), podMac(mine));
        assertEquals(podState(theirs), podState(ours));
        assertTrue(podState(ours).contains("mtu=1400") && podState(ours).contains("ALLMULTI"), podState(ours));

        jcni.check(BridgeConflist.NETWORK, attachment(ours));
        jcni.del(BridgeConflist.NETWORK, attachment(ours));
        assertFalse(Files.exists(work.resolve("jcni/tuning").resolve(ours.name() + "_eth0.json")));
        assertEquals(List.of(), Inspect.links(jcniHost, "veth"));
    }

    @Test
    void theMacCapabilityWinsOverTheConfigsMac() {
        String fromRuntime = "0a:58:0a:16:00:42";
        SandboxHost jcniHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod ours = lab.pausePod();
        PausePod theirs = lab.pausePod();
        CniTool jcni = new CniTool(PluginSet.jcni(), jcniHost, work.resolve("jcni"));
        CniTool reference = new CniTool(PluginSet.reference(), referenceHost, work.resolve("reference"));
        BridgeConflist jcniNet = network("1.0.0", work.resolve("jcni"));
        BridgeConflist referenceNet = network("1.0.0", work.resolve("reference"));
        for (BridgeConflist net : List.of(jcniNet, referenceNet)) {
            ((ObjectNode) net.json().path("plugins").get(1)).putObject("capabilities").put("mac", true);
        }
        jcni.install(jcniNet);
        reference.install(referenceNet);
        java.util.Map<String, String> capArgs = java.util.Map.of("CAP_ARGS", "{\"mac\":\"" + fromRuntime + "\"}");

        AddResult mine = jcni.add(BridgeConflist.NETWORK, attachment(ours), capArgs);
        AddResult theirsResult = reference.add(BridgeConflist.NETWORK, attachment(theirs), capArgs);

        assertEquals(fromRuntime, podMac(theirsResult));
        assertEquals(fromRuntime, podMac(mine));
        assertEquals(fromRuntime, Inspect.link(ours, "eth0").path("address").asText());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachDeletesWhatTheOtherAdded(boolean jcniAdds) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        Path shared = work.resolve("shared");
        BridgeConflist net = network("1.0.0", shared);
        CniTool adder = new CniTool(jcniAdds ? PluginSet.jcni() : PluginSet.reference(), host, shared);
        CniTool deleter = new CniTool(jcniAdds ? PluginSet.reference() : PluginSet.jcni(), host, shared);
        adder.install(net);
        adder.add(net.name(), attachment(pod));
        Path backup = shared.resolve("tuning").resolve(pod.name() + "_eth0.json");
        assertTrue(Files.exists(backup));

        deleter.del(net.name(), attachment(pod));

        assertFalse(Files.exists(backup));
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
    }

    @Test
    void delAfterThePodsNamespaceVanishedRemovesTheBackup() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = network("1.0.0", work);
        CniTool jcni = new CniTool(PluginSet.jcni(), host, work);
        jcni.install(net);
        jcni.add(net.name(), attachment(pod));
        Path backup = work.resolve("tuning").resolve(pod.name() + "_eth0.json");
        assertTrue(Files.exists(backup));
        pod.close();
        jcni.del(net.name(), attachment(pod));
        assertFalse(Files.exists(backup));
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
    }
}
