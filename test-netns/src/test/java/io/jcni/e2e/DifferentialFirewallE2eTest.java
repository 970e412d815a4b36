package io.jcni.e2e;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A candidate plugin set against the reference Go plugins for the chain bridge + firewall: the
 * same conflist in two sandbox hosts gives the same result, the same filter tables and the same
 * kernel state; a pod added by one chain is deleted cleanly by the other.
 */
abstract class DifferentialFirewallE2eTest {
    private static final String CONTAINER_ID = "jt-fw-differential";

    private final PluginSet candidate;
    private final PluginSet reference = PluginSet.reference();

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    DifferentialFirewallE2eTest(PluginSet candidate) {
        this.candidate = candidate;
    }

    /** The reference firewall speaks 0.4.0 and 1.0.0 only. */
    @ParameterizedTest
    @ValueSource(strings = {"0.4.0", "1.0.0"})
    void sameConflistGivesTheSameResultAndRules(String version) {
        SandboxHost candidateHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod candidatePod = lab.pausePod();
        PausePod referencePod = lab.pausePod();
        BridgeConflist candidateNet = FirewallE2eTest.network(version, work.resolve("candidate/ipam"), true);
        BridgeConflist referenceNet = FirewallE2eTest.network(version, work.resolve("reference/ipam"), true);
        CniTool candidateCni = new CniTool(candidate, candidateHost, work.resolve("candidate"));
        CniTool referenceCni = new CniTool(reference, referenceHost, work.resolve("reference"));
        candidateCni.install(candidateNet);
        referenceCni.install(referenceNet);

        AddResult fromCandidate = candidateCni.add(candidateNet.name(), attachment(candidatePod));
        AddResult fromReference = referenceCni.add(referenceNet.name(), attachment(referencePod));

        assertEquals(KernelSnapshot.normalizedResult(fromReference, referencePod),
                KernelSnapshot.normalizedResult(fromCandidate, candidatePod));
        String rules = FirewallE2eTest.filterRules(referenceHost);
        assertTrue(rules.contains("-A CNI-FORWARD -s " + fromReference.ip(false) + "/32 -j ACCEPT"), rules);
        assertEquals(rules, FirewallE2eTest.filterRules(candidateHost));
        KernelSnapshot expected = KernelSnapshot.of(referenceHost, referencePod, fromReference);
        KernelSnapshot actual = KernelSnapshot.of(candidateHost, candidatePod, fromCandidate);
        expected.parts().forEach((part, text) -> assertEquals(tablesInAnyOrder(text), tablesInAnyOrder(actual.parts().get(part)), part));

        // Each chain CHECKs and DELs its own pod; both hosts end with the same tables.
        candidateCni.check(candidateNet.name(), attachment(candidatePod));
        referenceCni.check(referenceNet.name(), attachment(referencePod));
        candidateCni.del(candidateNet.name(), attachment(candidatePod));
        referenceCni.del(referenceNet.name(), attachment(referencePod));
        assertEquals(FirewallE2eTest.filterRules(referenceHost), FirewallE2eTest.filterRules(candidateHost));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPodAddedByOneIsCheckedAndDeletedCleanlyByTheOther(boolean candidateAdds) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        BridgeConflist net = FirewallE2eTest.network("1.0.0", work.resolve("shared/ipam"), true);
        // One work directory: both see the same conflist, libcni cache and IPAM store.
        CniTool adder = new CniTool(candidateAdds ? candidate : reference, host, work.resolve("shared"));
        CniTool deleter = new CniTool(candidateAdds ? reference : candidate, host, work.resolve("shared"));
        adder.install(net);
        AddResult result = adder.add(net.name(), attachment(pod));
        String rules = FirewallE2eTest.filterRules(host);
        assertTrue(rules.contains("-s " + result.ip(false) + "/32 -j ACCEPT"), rules);
        assertTrue(rules.contains("-s " + result.ip(true) + "/128 -j ACCEPT"), rules);

        deleter.check(net.name(), attachment(pod));
        deleter.del(net.name(), attachment(pod));

        Leftovers.assertNone(host, net, result);
        rules = FirewallE2eTest.filterRules(host);
        assertFalse(rules.contains(result.ip(false)), rules);
        assertFalse(rules.contains(result.ip(true)), rules);
        assertEquals(List.of("lo"), Inspect.links(pod));
    }

    /**
     * The reference creates the per-family tables in Go map order, so the order of {@code nft list
     * ruleset}'s tables varies from run to run; their contents must not.
     */
    static String tablesInAnyOrder(String text) {
        return java.util.Arrays.stream(text.split("(?m)^(?=table )")).sorted().collect(java.util.stream.Collectors.joining());
    }

    private static Attachment attachment(Pod pod) {
        return new Attachment(CONTAINER_ID, Attachment.DEFAULT_IFNAME, pod.netnsPath());
    }
}
