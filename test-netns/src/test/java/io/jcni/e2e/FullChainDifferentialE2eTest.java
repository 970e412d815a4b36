package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full chain, jcni's against the reference's: the same conflist and capability args in two
 * sandbox hosts give the same result and the same host and pod state (nat and filter tables, nft
 * ruleset, qdiscs, filters and ifb, the pod's MTU and sysctl; random names replaced by placeholders),
 * and a pod one chain added is deleted by the other with nothing left.
 */
class FullChainDifferentialE2eTest {
    /** One container ID on both sides: the portmap chain, the ifb name and the tuning backup derive from it. */
    private static final String CONTAINER_ID = "jt-full-chain";

    private final PluginSet jcni = PluginSet.jcni();
    private final PluginSet reference = PluginSet.reference();

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    @Test
    void sameConflistGivesTheSameResultAndHostState() {
        SandboxHost jcniHost = lab.host();
        SandboxHost referenceHost = lab.host();
        PausePod jcniPod = lab.pausePod();
        PausePod referencePod = lab.pausePod();
        BridgeConflist jcniNet = FullChainConflist.of("1.0.0", work.resolve("jcni"));
        BridgeConflist referenceNet = FullChainConflist.of("1.0.0", work.resolve("reference"));
        CniTool jcniCni = new CniTool(jcni, jcniHost, work.resolve("jcni"));
        CniTool referenceCni = new CniTool(reference, referenceHost, work.resolve("reference"));
        jcniCni.install(jcniNet);
        referenceCni.install(referenceNet);

        AddResult fromJcni = jcniCni.add(jcniNet.name(), attachment(jcniPod), PortmapConflist.CAP_ARGS);
        AddResult fromReference = referenceCni.add(referenceNet.name(), attachment(referencePod), PortmapConflist.CAP_ARGS);

        assertEquals(KernelSnapshot.normalizedResult(fromReference, referencePod), KernelSnapshot.normalizedResult(fromJcni, jcniPod));
        KernelSnapshot expected = KernelSnapshot.of(referenceHost, referencePod, fromReference);
        KernelSnapshot actual = KernelSnapshot.of(jcniHost, jcniPod, fromJcni);
        expected.parts().forEach((part, text) -> assertEquals(DifferentialFirewallE2eTest.tablesInAnyOrder(text),
                DifferentialFirewallE2eTest.tablesInAnyOrder(actual.parts().get(part)), part));
        assertTrue(expected.parts().get("host nat").contains("-j DNAT --to-destination " + fromReference.ip(false) + ":80"));
        assertEquals("1400", expected.parts().get("pod mtu").strip());
        assertEquals(FirewallE2eTest.filterRules(referenceHost), FirewallE2eTest.filterRules(jcniHost));
        TcSnapshot expectedTc = TcSnapshot.of(referenceHost, fromReference.hostVeth());
        TcSnapshot actualTc = TcSnapshot.of(jcniHost, fromJcni.hostVeth());
        assertTrue(expectedTc.parts().get("qdiscs").contains("qdisc tbf 1: dev <host-veth> root"), expectedTc.toString());
        expectedTc.parts().forEach((part, text) -> assertEquals(text, actualTc.parts().get(part), part));

        jcniCni.check(jcniNet.name(), attachment(jcniPod), PortmapConflist.CAP_ARGS);
        jcniCni.del(jcniNet.name(), attachment(jcniPod), PortmapConflist.CAP_ARGS);
        referenceCni.del(referenceNet.name(), attachment(referencePod), PortmapConflist.CAP_ARGS);
        FullChainLeftovers.assertNone(jcniHost, jcniNet, work.resolve("jcni"), fromJcni);
        FullChainLeftovers.assertNone(referenceHost, referenceNet, work.resolve("reference"), fromReference);
    }

    /** One work directory: both see the same conflist, libcni cache, IPAM store and tuning backups. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachDeletesWhatTheOtherAdded(boolean jcniAdds) {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        Path shared = work.resolve("shared");
        BridgeConflist net = FullChainConflist.of("1.0.0", shared);
        CniTool adder = new CniTool(jcniAdds ? jcni : reference, host, shared);
        CniTool deleter = new CniTool(jcniAdds ? reference : jcni, host, shared);
        adder.install(net);
        AddResult added = adder.add(net.name(), attachment(pod), PortmapConflist.CAP_ARGS);
        assertEquals("tcp-ok", PortmapE2eTest.tcp(pod, ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT));
        if (!jcniAdds) {
            // jcni's CHECK of the reference's pod (the reference's own CHECK of a dual-stack pod fails, see ReferenceFullChainE2eTest).
            deleter.check(net.name(), attachment(pod), PortmapConflist.CAP_ARGS);
        }

        deleter.del(net.name(), attachment(pod), PortmapConflist.CAP_ARGS);

        FullChainLeftovers.assertNone(host, net, shared, added);
        assertEquals(java.util.List.of("lo"), Inspect.links(pod));
    }

    private static Attachment attachment(Pod pod) {
        return new Attachment(CONTAINER_ID, Attachment.DEFAULT_IFNAME, pod.netnsPath());
    }
}
