package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bridge} + {@code bandwidth} through cnitool, jcni's chain against the reference's: the same
 * result and the same qdiscs, filters and ifb device on the host; each deletes what the other added;
 * and the shaping holds when traffic flows.
 */
class BandwidthE2eTest {
    private static final String CONTAINER_ID = "jt-bandwidth";
    private static final String SUBNET = "10.23.0.0/24";
    private static final String GATEWAY = "10.23.0.1";
    private static final long INGRESS_RATE = 8_000_000;
    private static final long EGRESS_RATE = 4_000_000;
    private static final long BURST = 80_000;

    private final PluginSet jcni = PluginSet.jcni();
    private final PluginSet reference = PluginSet.reference();

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private static ObjectNode bandwidth() {
        ObjectNode bw = Json.object().put("type", "bandwidth");
        bw.put("ingressRate", INGRESS_RATE).put("ingressBurst", BURST).put("egressRate", EGRESS_RATE).put("egressBurst", BURST);
        return bw;
    }

    private BridgeConflist network(String version, String run, ObjectNode bandwidth) {
        return new BridgeConflist(version, work.resolve(run).resolve("ipam"))
                .option("isGateway", true).subnet(SUBNET).chain(bandwidth);
    }

    private static Attachment attachment(Pod pod) {
        return new Attachment(CONTAINER_ID, Attachment.DEFAULT_IFNAME, pod.netnsPath());
    }

    private void assertSameAsTheReference(String version, ObjectNode bandwidth, Map<String, String> capabilityArgs) {
        SandboxHost jcniHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod jcniPod = lab.pausePod();
        PausePod referencePod = lab.pausePod();
        BridgeConflist jcniNet = network(version, "jcni", bandwidth);
        BridgeConflist referenceNet = network(version, "reference", bandwidth);
        CniTool jcniCni = new CniTool(jcni, jcniHost, work.resolve("jcni"));
        CniTool referenceCni = new CniTool(reference, referenceHost, work.resolve("reference"));
        jcniCni.install(jcniNet);
        referenceCni.install(referenceNet);

        AddResult fromJcni = jcniCni.add(jcniNet.name(), attachment(jcniPod), capabilityArgs);
        AddResult fromReference = referenceCni.add(referenceNet.name(), attachment(referencePod), capabilityArgs);

        assertEquals(4, fromReference.interfaces().size(), fromReference.json().toString());
        assertEquals(KernelSnapshot.normalizedResult(fromReference, referencePod),
                KernelSnapshot.normalizedResult(fromJcni, jcniPod));
        TcSnapshot expected = TcSnapshot.of(referenceHost, fromReference.hostVeth());
        TcSnapshot actual = TcSnapshot.of(jcniHost, fromJcni.hostVeth());
        assertTrue(expected.parts().get("qdiscs").contains("qdisc tbf 1: dev <host-veth> root"), expected.toString());
        expected.parts().forEach((part, text) -> assertEquals(text, actual.parts().get(part), part));

        if (!version.startsWith("0.3.")) {
            jcniCni.check(jcniNet.name(), attachment(jcniPod));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void sameConflistGivesTheSameResultAndTcState(String version) {
        assertSameAsTheReference(version, bandwidth(), Map.of());
    }

    @Test
    void theCapabilityWithContainerdsFieldNamesGivesTheSameState() {
        ObjectNode bw = Json.object().put("type", "bandwidth");
        bw.putObject("capabilities").put("bandwidth", true);
        // What containerd sends for the kubernetes.io/*-bandwidth annotations: Go field names, burst unset.
        String caps = "{\"bandwidth\":{\"IngressRate\":" + INGRESS_RATE + ",\"IngressBurst\":4294967295,"
                + "\"EgressRate\":" + EGRESS_RATE + ",\"EgressBurst\":4294967295}}";
        assertSameAsTheReference("1.0.0", bw, Map.of("CAP_ARGS", caps));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachChecksAndDeletesWhatTheOtherAdded(boolean jcniAdds) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = network("1.0.0", "shared", bandwidth());
        CniTool adder = new CniTool(jcniAdds ? jcni : reference, host, work.resolve("shared"));
        CniTool other = new CniTool(jcniAdds ? reference : jcni, host, work.resolve("shared"));
        adder.install(net);
        adder.add(net.name(), attachment(pod));
        assertEquals(1, Inspect.links(host, "ifb").size());

        other.check(net.name(), attachment(pod));
        other.del(net.name(), attachment(pod));

        assertEquals(List.of(), Inspect.links(host, "ifb"));
        assertEquals(List.of(), TcSnapshot.shapingQdiscs(host));
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
        assertEquals(List.of("lo"), Inspect.links(pod));
    }

    @Test
    void delSucceedsWhenThePodIsGone() {
        SandboxHost host = lab.host();
        PausePod pod = PausePod.start();
        BridgeConflist net = network("1.0.0", "gone", bandwidth());
        CniTool cni = new CniTool(jcni, host, work.resolve("gone"));
        cni.install(net);
        Attachment attachment = attachment(pod);
        try {
            cni.add(net.name(), attachment);
        } finally {
            pod.close();
        }
        cni.del(net.name(), attachment);
        cni.del(net.name(), new Attachment(CONTAINER_ID, Attachment.DEFAULT_IFNAME, null));
        assertEquals(List.of(), Inspect.links(host, "ifb"));
        assertEquals(List.of(), TcSnapshot.shapingQdiscs(host));
    }

    /**
     * Bulk TCP both ways between the host and a shaped pod: each direction stays within 25 % of its
     * configured rate (different rates, so a mix-up of directions shows), far below the veth's
     * unshaped gigabits.
     */
    @Test
    void trafficThroughAShapedPodFollowsTheConfiguredRates() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = network("1.0.0", "traffic", bandwidth());
        CniTool cni = new CniTool(jcni, host, work.resolve("traffic"));
        cni.install(net);
        AddResult result = cni.add(net.name(), attachment(pod));
        String podIp = result.ip(false);
        pod.exec("ip", "link", "set", "lo", "up").orFail();

        // About three seconds each way.
        double ingress = Throughput.measure(pod, host, podIp, 5201, 3 * INGRESS_RATE / 8);
        double egress = Throughput.measure(host, pod, GATEWAY, 5202, 3 * EGRESS_RATE / 8);

        assertWithin(INGRESS_RATE, ingress, "ingress (host to pod)");
        assertWithin(EGRESS_RATE, egress, "egress (pod to host)");
        cni.del(net.name(), attachment(pod));
    }

    /**
     * With {@code unshapedSubnets} naming the host's gateway address, the pod's traffic to it is not
     * shaped (several times the egress rate) while traffic into the pod still is.
     */
    @Test
    void trafficToAnUnshapedSubnetIsNotLimited() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        ObjectNode bw = bandwidth();
        bw.putArray("unshapedSubnets").add(GATEWAY + "/32");
        BridgeConflist net = network("1.0.0", "unshaped", bw);
        CniTool cni = new CniTool(jcni, host, work.resolve("unshaped"));
        cni.install(net);
        AddResult result = cni.add(net.name(), attachment(pod));
        cni.check(net.name(), attachment(pod));

        double egress = Throughput.measure(host, pod, GATEWAY, 5203, 3 * EGRESS_RATE / 8);
        double ingress = Throughput.measure(pod, host, result.ip(false), 5204, 3 * INGRESS_RATE / 8);

        assertTrue(egress > 3 * EGRESS_RATE, "egress to an unshaped subnet: " + Math.round(egress) + " bit/s");
        assertWithin(INGRESS_RATE, ingress, "ingress (host to pod, pod not in unshapedSubnets)");
        cni.del(net.name(), attachment(pod));
        assertEquals(List.of(), TcSnapshot.shapingQdiscs(host));
    }

    private static void assertWithin(long configured, double measured, String what) {
        double ratio = measured / configured;
        System.out.printf("bandwidth %s: %.0f bit/s measured, %d configured (ratio %.3f)%n", what, measured, configured, ratio);
        assertTrue(ratio > 0.75 && ratio < 1.25, what + ": measured " + Math.round(measured) + " bit/s against "
                + configured + " configured (ratio " + ratio + ")");
    }
}
