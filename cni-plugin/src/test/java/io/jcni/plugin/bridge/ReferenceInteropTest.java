package io.jcni.plugin.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Json;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compatibility with the reference Go bridge (Debian's 1.1.1 in /usr/lib/cni): each plugin deletes
 * what the other added, and the same config yields the same result and kernel state.
 */
class ReferenceInteropTest {
    @TempDir
    Path tmp;
    private BridgeLab lab;

    @BeforeEach
    void setUp() {
        lab = new BridgeLab(tmp);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private String config() {
        // The reference speaks up to 1.0.0. (With isDefaultGateway and IPAM's default routes it
        // fails on its own duplicate default route, so the default route comes from IPAM here.)
        return lab.config("\"isGateway\":true,\"ipMasq\":true");
    }

    @Test
    void ourDelRemovesWhatTheReferenceAddedEvenWithTheNamespaceGone() {
        ScratchNamespace pod = lab.pod();
        ReferencePlugin.ok(lab.host, "ADD", "ctr-r1", pod.path().toString(), config());
        assertTrue(lab.host.exec("iptables-save", "-t", "nat").contains("-A POSTROUTING -s 10.99.0.2/32"));
        assertTrue(lab.reserved("10.99.0.2"));
        lab.removePod(pod);
        assertDoesNotThrowCni(() -> lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-r1", Optional.of(pod.path()), config())));
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"), lab.host.exec("iptables-save", "-t", "nat"));
        assertFalse(lab.host.exec("ip6tables-save", "-t", "nat").contains("CNI-"));
        assertFalse(lab.reserved("10.99.0.2"));
        assertFalse(lab.reserved("fd00:99::2"));
    }

    @Test
    void theReferenceDelRemovesWhatWeAdded() throws Exception {
        ScratchNamespace pod = lab.pod();
        lab.plugin.add(BridgeLab.request(Verb.ADD, "ctr-j1", Optional.of(pod.path()), config()));
        ReferencePlugin.ok(lab.host, "DEL", "ctr-j1", pod.path().toString(), config());
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"), lab.host.exec("iptables-save", "-t", "nat"));
        assertFalse(lab.host.exec("ip6tables-save", "-t", "nat").contains("CNI-"));
        assertEquals(1, pod.status("ip", "link", "show", "eth0"));
        assertEquals(1, lab.host.status("ip", "link", "show", HostVethName.of("ctr-j1", "eth0")));
        assertFalse(lab.reserved("10.99.0.2"));
    }

    /** With iptables-nft's nat tables already there our ADD writes over netlink; the reference still finds and deletes it. */
    @Test
    void theReferenceDelRemovesWhatWeAddedOverNetlink() throws Exception {
        ScratchNamespace refPod = lab.pod();
        ReferencePlugin.ok(lab.host, "ADD", "ctr-r0", refPod.path().toString(), config());
        String refOnly = lab.host.exec("iptables-save", "-t", "nat");
        String refOnly6 = lab.host.exec("ip6tables-save", "-t", "nat");
        ScratchNamespace pod = lab.pod();
        lab.plugin.add(BridgeLab.request(Verb.ADD, "ctr-j2", Optional.of(pod.path()), config()));
        String chain = new io.jcni.plugin.rules.AttachmentRuleId(BridgeLab.NETWORK, "ctr-j2", "eth0").iptablesChain();
        assertTrue(lab.host.exec("iptables-save", "-t", "nat").contains("-j " + chain), lab.host.exec("iptables-save", "-t", "nat"));
        ReferencePlugin.ok(lab.host, "DEL", "ctr-j2", pod.path().toString(), config());
        assertEquals(natRules(refOnly), natRules(lab.host.exec("iptables-save", "-t", "nat")));
        assertEquals(natRules(refOnly6), natRules(lab.host.exec("ip6tables-save", "-t", "nat")));
        ReferencePlugin.ok(lab.host, "DEL", "ctr-r0", refPod.path().toString(), config());
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"));
    }

    @Test
    void theSameConfigGivesTheSameResultAndKernelState() throws Exception {
        ScratchNamespace refPod = lab.pod();
        String refOut = ReferencePlugin.ok(lab.host, "ADD", "ctr-same", refPod.path().toString(), config());
        String refNat = lab.host.exec("iptables-save", "-t", "nat");
        String refNat6 = lab.host.exec("ip6tables-save", "-t", "nat");
        String refBridge = addresses(lab.host, lab.bridge);
        String refRoutes = lab.host.exec("ip", "route") + refPod.exec("ip", "route") + refPod.exec("ip", "-6", "route");
        String refSysctls = sysctls(lab.host, lab.bridge);
        ReferencePlugin.ok(lab.host, "DEL", "ctr-same", refPod.path().toString(), config());

        // Ours in a second, fresh host with its own store and the same bridge name.
        try (BridgeLab second = new BridgeLab(tmp, lab.bridge)) {
            ScratchNamespace ourPod = second.pod();
            Result ours = second.plugin.add(BridgeLab.request(Verb.ADD, "ctr-same", Optional.of(ourPod.path()), second.config(
                    "\"isGateway\":true,\"ipMasq\":true")));
            String ourOut = new String(ResultCodec.write(ours, CniVersion.V1_0_0), StandardCharsets.UTF_8);

            assertEquals(normalised(refOut, refPod), normalised(ourOut, ourPod));
            assertEquals(natRules(refNat), natRules(second.host.exec("iptables-save", "-t", "nat")));
            assertEquals(natRules(refNat6), natRules(second.host.exec("ip6tables-save", "-t", "nat")));
            assertEquals(refBridge, addresses(second.host, second.bridge));
            assertEquals(refRoutes, second.host.exec("ip", "route") + ourPod.exec("ip", "route") + ourPod.exec("ip", "-6", "route"));
            assertEquals(refSysctls, sysctls(second.host, second.bridge));
        }
    }

    /** The result with MACs, the host veth name and the sandbox path blanked: those differ by design. */
    private static JsonNode normalised(String result, ScratchNamespace pod) throws Exception {
        ObjectNode r = Json.readObject(result.getBytes(StandardCharsets.UTF_8), "result");
        for (JsonNode i : r.withArray("interfaces")) {
            ObjectNode o = (ObjectNode) i;
            o.put("mac", "");
            if (o.has("sandbox")) {
                assertEquals(pod.path().toString(), o.get("sandbox").textValue());
                o.put("sandbox", "");
            }
        }
        ((ObjectNode) r.withArray("interfaces").get(1)).put("name", "");
        return r;
    }

    private static List<String> natRules(String save) {
        return Arrays.stream(save.split("\n")).filter(l -> l.startsWith("-A ") || l.startsWith(":CNI-")).sorted().toList();
    }

    private static String addresses(ScratchNamespace ns, String dev) {
        return ns.exec("ip", "-br", "addr", "show", "dev", dev).replaceAll("fe80::\\S+", "fe80::");
    }

    private static String sysctls(ScratchNamespace ns, String bridge) {
        return ns.exec("cat", "/proc/sys/net/ipv4/ip_forward", "/proc/sys/net/ipv6/conf/all/forwarding",
                "/proc/sys/net/ipv6/conf/" + bridge + "/accept_ra");
    }

    private interface CniCall {
        void run() throws Exception;
    }

    private static void assertDoesNotThrowCni(CniCall c) {
        try {
            c.run();
        } catch (Exception e) {
            throw new AssertionError("expected success, got " + e, e);
        }
    }
}
