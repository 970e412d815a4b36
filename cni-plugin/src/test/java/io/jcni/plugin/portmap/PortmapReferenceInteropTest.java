package io.jcni.plugin.portmap;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Json;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our iptables backend against the reference portmap (Debian's 1.1.1) in a sandbox host
 * namespace: the same config gives the same nat tables, route_localnet and result; each deletes
 * what the other added, leaving what the reference leaves (the shared chains).
 */
class PortmapReferenceInteropTest {
    private PortmapLab lab;

    @BeforeEach
    void setUp() {
        lab = new PortmapLab();
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void theSameConfigGivesTheSameRulesSysctlAndResult() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        String refOut = lab.referenceOk("ADD", "ctr-a", config);
        List<String> ref4 = lab.nat(false);
        List<String> ref6 = lab.nat(true);
        String refLocalnet = lab.routeLocalnet();
        lab.referenceOk("DEL", "ctr-a", config);
        List<String> refAfterDel4 = lab.nat(false);

        try (PortmapLab second = new PortmapLab()) {
            Result ours = second.plugin.add(second.request(Verb.ADD, "ctr-a", config));
            assertEquals(ref4, second.nat(false));
            assertEquals(ref6, second.nat(true));
            assertEquals("1", refLocalnet);
            assertEquals(refLocalnet, second.routeLocalnet());
            assertEquals(Json.readObject(refOut.getBytes(StandardCharsets.UTF_8), "reference result"),
                    ResultCodec.toJson(ours, CniVersion.V1_0_0));
            second.plugin.del(second.request(Verb.DEL, "ctr-a", config));
            assertEquals(refAfterDel4, second.nat(false));
        }
        assertTrue(ref4.stream().anyMatch(l -> l.contains("--dports 8080,9090 -j CNI-DN-")), ref4.toString());
    }

    @Test
    void optionsGiveTheSameRulesAsTheReference() throws Exception {
        for (String extra : List.of("\"snat\":false", "\"markMasqBit\":5", "\"externalSetMarkChain\":\"KUBE-MARK-MASQ\"",
                "\"conditionsV4\":[\"-s\",\"10.1.0.0/16\"],\"conditionsV6\":[\"!\",\"-s\",\"fd00::/8\"]")) {
            String config = PortmapLab.config(PortmapLab.MAPPINGS, extra);
            try (PortmapLab ref = new PortmapLab(); PortmapLab ours = new PortmapLab()) {
                for (PortmapLab l : List.of(ref, ours)) { // an external mark chain is someone else's to make
                    l.host.exec("iptables", "-t", "nat", "-N", "KUBE-MARK-MASQ");
                    l.host.exec("ip6tables", "-t", "nat", "-N", "KUBE-MARK-MASQ");
                }
                ref.referenceOk("ADD", "ctr-o", config);
                ours.plugin.add(ours.request(Verb.ADD, "ctr-o", config));
                assertEquals(ref.nat(false), ours.nat(false), extra);
                assertEquals(ref.nat(true), ours.nat(true), extra);
                assertEquals(ref.routeLocalnet(), ours.routeLocalnet(), extra);
                ours.plugin.check(ours.request(Verb.CHECK, "ctr-o", config));
            }
        }
    }

    @Test
    void manyPortsSplitIntoMultiportGroupsOf15LikeTheReference() throws Exception {
        StringBuilder m = new StringBuilder("[");
        for (int i = 0; i < 17; i++) {
            m.append(i == 0 ? "" : ",").append("{\"hostPort\":").append(7000 + i).append(",\"containerPort\":")
                    .append(80 + i).append(",\"protocol\":\"tcp\"}");
        }
        m.append(",{\"hostPort\":7000,\"containerPort\":53,\"protocol\":\"udp\",\"hostIP\":\"0.0.0.0\"}]");
        String config = PortmapLab.config(m.toString(), "");
        lab.plugin.add(lab.request(Verb.ADD, "ctr-many", config));
        try (PortmapLab ref = new PortmapLab()) {
            ref.referenceOk("ADD", "ctr-many", config);
            assertEquals(ref.nat(false), lab.nat(false));
            assertEquals(ref.nat(true), lab.nat(true));
        }
        assertEquals(2, lab.nat(false).stream().filter(l -> l.startsWith("-A CNI-HOSTPORT-DNAT -p tcp")).count());
        lab.plugin.check(lab.request(Verb.CHECK, "ctr-many", config));
    }

    /** masqAll came after 1.1.1 (the oracle ignores it): every source is marked, so no -s and no localhost rule. */
    @Test
    void masqAllMarksEverySource() throws Exception {
        lab.plugin.add(lab.request(Verb.ADD, "ctr-m", PortmapLab.config(PortmapLab.MAPPINGS, "\"masqAll\":true")));
        String chain = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-m");
        List<String> mine = lab.nat(false).stream().filter(l -> l.startsWith("-A " + chain)).toList();
        assertEquals(List.of("-A " + chain + " -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK",
                "-A " + chain + " -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.99.0.5:80",
                "-A " + chain + " -p udp -m udp --dport 8081 -j CNI-HOSTPORT-SETMARK",
                "-A " + chain + " -p udp -m udp --dport 8081 -j DNAT --to-destination 10.99.0.5:81",
                "-A " + chain + " -d 127.0.0.1/32 -p tcp -m tcp --dport 9090 -j CNI-HOSTPORT-SETMARK",
                "-A " + chain + " -d 127.0.0.1/32 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 10.99.0.5:90"), mine);
        lab.plugin.check(lab.request(Verb.CHECK, "ctr-m", PortmapLab.config(PortmapLab.MAPPINGS, "\"masqAll\":true")));
    }

    @Test
    void goFieldNamesFromContainerdGiveTheSameRules() throws Exception {
        String goNames = "[{\"HostPort\":8080,\"ContainerPort\":80,\"Protocol\":\"TCP\",\"HostIP\":\"\"},"
                + "{\"HostPort\":9090,\"ContainerPort\":90,\"Protocol\":\"udp\",\"HostIP\":\"127.0.0.1\"}]";
        String lower = "[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"},"
                + "{\"hostPort\":9090,\"containerPort\":90,\"protocol\":\"udp\",\"hostIP\":\"127.0.0.1\"}]";
        lab.plugin.add(lab.request(Verb.ADD, "ctr-g", PortmapLab.config(goNames, "")));
        try (PortmapLab ref = new PortmapLab()) {
            ref.referenceOk("ADD", "ctr-g", PortmapLab.config(lower, ""));
            assertEquals(ref.nat(false), lab.nat(false));
            assertEquals(ref.nat(true), lab.nat(true));
        }
    }

    @Test
    void ourDelRemovesWhatTheReferenceAddedAndViceVersa() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        lab.referenceOk("ADD", "ctr-r", config);
        List<String> shared4 = lab.nat(false).stream().filter(l -> !l.contains("CNI-DN-")).toList();
        lab.plugin.del(lab.request(Verb.DEL, "ctr-r", config));
        assertEquals(shared4, lab.nat(false));
        assertFalse(lab.nat(true).stream().anyMatch(l -> l.contains("CNI-DN-")), lab.nat(true).toString());
        lab.plugin.del(lab.request(Verb.DEL, "ctr-r", config)); // a second DEL finds nothing and succeeds

        lab.plugin.add(lab.request(Verb.ADD, "ctr-j", config));
        lab.referenceOk("DEL", "ctr-j", config);
        assertEquals(shared4, lab.nat(false));
        assertFalse(lab.nat(true).stream().anyMatch(l -> l.contains("CNI-DN-")));
    }

    @Test
    void delOverNetlinkStartsNoProcessAndMatchesTheSaveRestorePath() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        lab.referenceOk("ADD", "ctr-p1", config);
        lab.referenceOk("ADD", "ctr-p2", config);
        lab.referenceOk("ADD", "ctr-p3", config);
        lab.referenceOk("DEL", "ctr-p3", config);
        List<String> expected4 = lab.nat(false);
        List<String> expected6 = lab.nat(true);
        io.jcni.plugin.kernel.HostTools tools = new io.jcni.plugin.kernel.HostTools(
                java.util.Optional.of(lab.host.path()), java.util.Map.of());
        try (io.jcni.netlink.ns.NetNamespace ns = io.jcni.netlink.ns.NetNamespace.open(lab.host.path())) {
            new IptablesPortForwarding(tools, ns, io.jcni.plugin.rules.XtablesVariant.NFT).del(PortmapLab.NETWORK, "ctr-p1");
            assertEquals(0, tools.processesStarted(), "iptables-nft: DEL reads and deletes over netlink");
            new IptablesPortForwarding(tools, ns, io.jcni.plugin.rules.XtablesVariant.LEGACY).del(PortmapLab.NETWORK, "ctr-p2");
            assertTrue(tools.processesStarted() >= 2, "iptables-legacy: DEL uses save and restore");
        }
        // Both paths leave exactly what the reference's own DEL leaves (the shared chains).
        String p1 = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-p1");
        String p2 = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-p2");
        assertEquals(expected4.stream().filter(l -> !l.contains(p1) && !l.contains(p2)).toList(), lab.nat(false));
        assertEquals(expected6.stream().filter(l -> !l.contains(p1) && !l.contains(p2)).toList(), lab.nat(true));
        assertFalse(lab.nat(false).stream().anyMatch(l -> l.contains("CNI-DN-")), lab.nat(false).toString());
    }

    @Test
    void delWithoutPrevResultOrNetnsRemovesThePodChain() throws Exception {
        lab.plugin.add(lab.request(Verb.ADD, "ctr-d", PortmapLab.config(PortmapLab.MAPPINGS, "")));
        String noPrev = PortmapLab.config("1.0.0", PortmapLab.MAPPINGS, "", null);
        lab.plugin.del(io.jcni.conf.Request.builder(Verb.DEL).containerId("ctr-d").ifname("eth0").config(noPrev).build());
        assertFalse(lab.nat(false).stream().anyMatch(l -> l.contains("CNI-DN-")));
        assertFalse(lab.nat(true).stream().anyMatch(l -> l.contains("CNI-DN-")));
    }

    @Test
    void checkPassesAfterAddAndNamesAMissingRule() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        lab.plugin.add(lab.request(Verb.ADD, "ctr-c", config));
        lab.plugin.check(lab.request(Verb.CHECK, "ctr-c", config));
        // (The reference 1.1.1's CHECK looks for the pod chain in both iptables and ip6tables
        // whatever the pod's families, and so fails even on its own ADD: nothing to compare.)
        String chain = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-c");
        lab.host.exec("iptables", "-t", "nat", "-D", chain, "-p", "udp", "--dport", "8081", "-j", "DNAT",
                "--to-destination", "10.99.0.5:81");
        CniException e = assertThrows(CniException.class, () -> lab.plugin.check(lab.request(Verb.CHECK, "ctr-c", config)));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.getMessage().contains("--dport 8081 -j DNAT --to-destination 10.99.0.5:81"), e.getMessage());
    }

    @Test
    void repeatedAddDoesNotStackRules() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        lab.plugin.add(lab.request(Verb.ADD, "ctr-x", config));
        List<String> once = lab.nat(false);
        lab.plugin.add(lab.request(Verb.ADD, "ctr-x", config));
        assertEquals(once, lab.nat(false));
    }

    @Test
    void concurrentFirstAddsKeepEachOthersEntries() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        List<java.util.concurrent.Future<?>> adds = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                String id = "ctr-race" + i;
                adds.add(pool.submit(() -> lab.plugin.add(lab.request(Verb.ADD, id, config))));
            }
            for (var f : adds) {
                f.get();
            }
        }
        for (int i = 0; i < 4; i++) {
            String chain = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-race" + i);
            for (boolean v6 : List.of(false, true)) {
                List<String> nat = lab.nat(v6);
                assertEquals(3, nat.stream().filter(l -> l.startsWith("-A CNI-HOSTPORT-DNAT ") && l.endsWith(" -j " + chain)).count(),
                        nat.toString());
            }
            lab.plugin.check(lab.request(Verb.CHECK, "ctr-race" + i, config));
        }
        for (boolean v6 : List.of(false, true)) {
            List<String> nat = lab.nat(v6);
            assertEquals(1, nat.stream().filter(l -> l.startsWith("-A PREROUTING ")).count(), nat.toString());
            assertEquals(1, nat.stream().filter(l -> l.startsWith("-A POSTROUTING ")).count(), nat.toString());
        }
    }

    @Test
    void gcRemovesOnlyChainsOfContainersNoLongerValid() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, "");
        lab.plugin.add(lab.request(Verb.ADD, "ctr-keep", config));
        lab.referenceOk("ADD", "ctr-gone", config);
        String gc = PortmapLab.config("1.1.0", PortmapLab.MAPPINGS,
                "\"cni.dev/valid-attachments\":[{\"containerID\":\"ctr-keep\",\"ifname\":\"eth0\"}]", null);
        lab.plugin.gc(io.jcni.conf.Request.builder(Verb.GC).config(gc).build());
        String keep = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-keep");
        String gone = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-gone");
        for (boolean v6 : List.of(false, true)) {
            List<String> nat = lab.nat(v6);
            assertTrue(nat.contains(":" + keep + " -"), nat.toString());
            assertFalse(nat.stream().anyMatch(l -> l.contains(gone)), nat.toString());
        }
        lab.plugin.check(lab.request(Verb.CHECK, "ctr-keep", config));
    }
}
