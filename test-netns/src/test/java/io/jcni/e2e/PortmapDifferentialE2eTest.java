package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bridge + portmap, jcni's chain against the reference's: the same conflist and capability args
 * in two sandbox hosts give the same result and the same kernel state (nat tables and nft ruleset
 * modulo counters, route_localnet, the bridge and the pod), and a pod added by one is deleted by
 * the other with no pod rule left.
 */
class PortmapDifferentialE2eTest {
    private static final String CONTAINER_ID = "jt-portmap-differential";

    private final PluginSet candidate = PluginSet.jcni();
    private final PluginSet reference = PluginSet.reference();

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void sameConflistGivesTheSameResultAndKernelState(String version) {
        SandboxHost candidateHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod candidatePod = lab.pausePod();
        PausePod referencePod = lab.pausePod();
        BridgeConflist candidateNet = PortmapConflist.of(version, work.resolve("candidate/ipam"), Map.of());
        BridgeConflist referenceNet = PortmapConflist.of(version, work.resolve("reference/ipam"), Map.of());
        CniTool candidateCni = new CniTool(candidate, candidateHost, work.resolve("candidate"));
        CniTool referenceCni = new CniTool(reference, referenceHost, work.resolve("reference"));
        candidateCni.install(candidateNet);
        referenceCni.install(referenceNet);

        AddResult fromCandidate = candidateCni.add(candidateNet.name(), attachment(candidatePod), PortmapConflist.CAP_ARGS);
        AddResult fromReference = referenceCni.add(referenceNet.name(), attachment(referencePod), PortmapConflist.CAP_ARGS);

        assertEquals(KernelSnapshot.normalizedResult(fromReference, referencePod),
                KernelSnapshot.normalizedResult(fromCandidate, candidatePod));
        KernelSnapshot expected = KernelSnapshot.of(referenceHost, referencePod, fromReference);
        KernelSnapshot actual = KernelSnapshot.of(candidateHost, candidatePod, fromCandidate);
        expected.parts().forEach((part, text) -> assertEquals(text, actual.parts().get(part), part));
        assertTrue(expected.parts().get("host nat").contains("-j DNAT --to-destination " + fromReference.ip(false) + ":80"));
        assertEquals(routeLocalnet(referenceHost), routeLocalnet(candidateHost));
        assertEquals("1", routeLocalnet(candidateHost));

        candidateCni.del(candidateNet.name(), attachment(candidatePod), PortmapConflist.CAP_ARGS);
        referenceCni.del(referenceNet.name(), attachment(referencePod), PortmapConflist.CAP_ARGS);
        assertEquals(rulesOnly(Inspect.natRules(referenceHost)), rulesOnly(Inspect.natRules(candidateHost)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPodAddedByOneIsDeletedCleanlyByTheOther(boolean candidateAdds) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        BridgeConflist net = PortmapConflist.of("1.0.0", work.resolve("shared/ipam"), Map.of());
        CniTool adder = new CniTool(candidateAdds ? candidate : reference, host, work.resolve("shared"));
        CniTool deleter = new CniTool(candidateAdds ? reference : candidate, host, work.resolve("shared"));
        adder.install(net);
        AddResult result = adder.add(net.name(), attachment(pod), PortmapConflist.CAP_ARGS);
        assertEquals("tcp-ok", PortmapE2eTest.tcp(pod, ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT));

        deleter.del(net.name(), attachment(pod), PortmapConflist.CAP_ARGS);

        PortmapE2eTest.assertNoPodRules(host);
        assertEquals(java.util.List.of(ExternalNetwork.HOST_INTERFACE), Inspect.links(host, "veth"));
        assertEquals(java.util.List.of(), Inspect.reservations(net.reservations()));
        assertFalse(Inspect.natRules(host).contains(result.ip(false)), Inspect.natRules(host));
        assertFalse(Inspect.natRules(host).contains(result.ip(true)), Inspect.natRules(host));
    }

    /** Rules and chains without the save tools' timestamps and counters. */
    private static String rulesOnly(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+\\]|(?<=counter) packets \\d+ bytes \\d+", ""))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static String routeLocalnet(SandboxHost host) {
        return Inspect.sysctl(host, "net.ipv4.conf." + BridgeConflist.BRIDGE + ".route_localnet");
    }

    private static Attachment attachment(Pod pod) {
        return new Attachment(CONTAINER_ID, Attachment.DEFAULT_IFNAME, pod.netnsPath());
    }
}
