package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A candidate plugin set against the reference Go plugins: the same conflist in two sandbox hosts
 * yields the same result and the same kernel state (but for MACs and veth names), and a pod added
 * by one is deleted cleanly by the other.
 */
abstract class DifferentialBridgeE2eTest {
    private static final String CONTAINER_ID = "jt-differential";

    private final PluginSet candidate;
    private final PluginSet reference = PluginSet.reference();

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    DifferentialBridgeE2eTest(PluginSet candidate) {
        this.candidate = candidate;
    }

    private BridgeConflist network(String version, String run) {
        return new BridgeConflist(version, work.resolve(run).resolve("ipam"))
                .option("isGateway", true).option("isDefaultGateway", true).option("ipMasq", true)
                .option("mtu", 1450).option("hairpinMode", true)
                .subnet(BridgeE2eTest.SUBNET4).subnet(BridgeE2eTest.SUBNET6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void sameConflistGivesTheSameResultAndKernelState(String version) {
        SandboxHost candidateHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod candidatePod = lab.pausePod();
        PausePod referencePod = lab.pausePod();
        BridgeConflist candidateNet = network(version, "candidate");
        BridgeConflist referenceNet = network(version, "reference");
        CniTool candidateCni = new CniTool(candidate, candidateHost, work.resolve("candidate"));
        CniTool referenceCni = new CniTool(reference, referenceHost, work.resolve("reference"));
        candidateCni.install(candidateNet);
        referenceCni.install(referenceNet);

        AddResult fromCandidate = candidateCni.add(candidateNet.name(), attachment(candidatePod));
        AddResult fromReference = referenceCni.add(referenceNet.name(), attachment(referencePod));

        assertEquals(KernelSnapshot.normalizedResult(fromReference, referencePod),
                KernelSnapshot.normalizedResult(fromCandidate, candidatePod));
        KernelSnapshot expected = KernelSnapshot.of(referenceHost, referencePod, fromReference);
        KernelSnapshot actual = KernelSnapshot.of(candidateHost, candidatePod, fromCandidate);
        expected.parts().forEach((part, text) -> assertEquals(text, actual.parts().get(part), part));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPodAddedByOneIsDeletedCleanlyByTheOther(boolean candidateAdds) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = network("1.0.0", "shared");
        // One work directory: both see the same conflist, libcni cache and IPAM store.
        CniTool adder = new CniTool(candidateAdds ? candidate : reference, host, work.resolve("shared"));
        CniTool deleter = new CniTool(candidateAdds ? reference : candidate, host, work.resolve("shared"));
        adder.install(net);
        AddResult result = adder.add(net.name(), attachment(pod));
        assertTrue(Inspect.natRulesMention(host, result.ip(false)));
        assertTrue(Inspect.natRulesMention(host, result.ip(true)));

        deleter.del(net.name(), attachment(pod));

        Leftovers.assertNone(host, net, result);
        assertEquals(List.of("lo"), Inspect.links(pod));
    }

    private static Attachment attachment(Pod pod) {
        return new Attachment(CONTAINER_ID, Attachment.DEFAULT_IFNAME, pod.netnsPath());
    }
}
