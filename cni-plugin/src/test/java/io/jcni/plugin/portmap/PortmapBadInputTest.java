package io.jcni.plugin.portmap;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is code 7 naming the field and leaves no rule; every version's prevResult passes through unchanged. */
class PortmapBadInputTest {
    private static PortmapLab lab;

    @BeforeAll
    static void setUp() {
        lab = new PortmapLab();
    }

    @AfterAll
    static void tearDown() {
        lab.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"hostPort\":0,\"containerPort\":80,\"protocol\":\"tcp\"}]|                  | runtimeConfig.portMappings[0].hostPort",
            "[{\"hostPort\":65536,\"containerPort\":80,\"protocol\":\"tcp\"}]|              | runtimeConfig.portMappings[0].hostPort",
            "[{\"hostPort\":80,\"containerPort\":70000,\"protocol\":\"tcp\"}]|              | runtimeConfig.portMappings[0].containerPort",
            "[{\"hostPort\":\"80\",\"containerPort\":80,\"protocol\":\"tcp\"}]|            | runtimeConfig.portMappings[0].hostPort",
            "[{\"containerPort\":80,\"protocol\":\"tcp\"}]|                                 | runtimeConfig.portMappings[0].hostPort",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"icmp\"}]|               | runtimeConfig.portMappings[0].protocol",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":7}]|                       | runtimeConfig.portMappings[0].protocol",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"tcp\",\"hostIP\":\"nope\"}]| | runtimeConfig.portMappings[0].hostIP",
            "{\"hostPort\":80}|                                                              | runtimeConfig.portMappings",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"tcp\"}]| \"backend\":\"ebpf\" | backend",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"tcp\"}]| \"snat\":\"yes\"    | snat",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"tcp\"}]| \"markMasqBit\":32  | markMasqBit",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"tcp\"}]| \"markMasqBit\":1,\"externalSetMarkChain\":\"X\" | externalSetMarkChain",
            "[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"tcp\"}]| \"conditionsV4\":\"-s 1.2.3.4\" | conditionsV4",
    })
    void badInputIsCode7NamingTheFieldAndLeavesNothing(String mappings, String extra, String field) {
        String config = PortmapLab.config(mappings, extra == null ? "" : extra);
        java.util.List<String> before4 = lab.nat(false);
        java.util.List<String> before6 = lab.nat(true);
        CniException e = assertThrows(CniException.class, () -> lab.plugin.add(lab.request(Verb.ADD, "ctr-bad", config)));
        assertEquals(7, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
        assertEquals(before4, lab.nat(false));
        assertEquals(before6, lab.nat(true));
    }

    @org.junit.jupiter.api.Test
    void statusIsReadyForBothBackendsAndNamesABadBackend() throws Exception {
        for (String backend : new String[]{"", "\"backend\":\"iptables\"", "\"backend\":\"nftables\""}) {
            lab.plugin.status(lab.request(Verb.STATUS, "", PortmapLab.config("1.1.0", null, backend, null)));
        }
        CniException e = assertThrows(CniException.class, () -> lab.plugin.status(lab.request(Verb.STATUS, "",
                PortmapLab.config("1.1.0", null, "\"backend\":\"pf\"", null))));
        assertEquals(7, e.code());
        assertTrue(e.getMessage().startsWith("backend"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void addWithoutPrevResultIsCode7NamingIt() {
        String config = PortmapLab.config("1.0.0", PortmapLab.MAPPINGS, "", null);
        java.util.List<String> before = lab.nat(false);
        CniException e = assertThrows(CniException.class, () -> lab.plugin.add(lab.request(Verb.ADD, "ctr-np", config)));
        assertEquals(7, e.code());
        assertTrue(e.getMessage().startsWith("prevResult"), e.getMessage());
        assertEquals(before, lab.nat(false));
    }

    @org.junit.jupiter.api.Test
    void aRefusedRuleRollsBackTheOtherFamily() {
        // The external mark chain exists for IPv4 only: the IPv6 restore fails after the IPv4 one worked.
        lab.host.exec("iptables", "-t", "nat", "-N", "EXT-MARK");
        try {
            String config = PortmapLab.config(PortmapLab.MAPPINGS, "\"externalSetMarkChain\":\"EXT-MARK\"");
            CniException e = assertThrows(CniException.class, () -> lab.plugin.add(lab.request(Verb.ADD, "ctr-rb", config)));
            assertEquals(HostErrors.CHANGE_REFUSED, e.code());
            assertTrue(e.getMessage().contains("ip6tables-restore"), e.getMessage());
            assertFalse(String.join("\n", lab.nat(false)).contains("CNI-DN-"), lab.nat(false).toString());
            assertFalse(String.join("\n", lab.nat(true)).contains("CNI-DN-"));
        } finally {
            lab.host.exec("iptables", "-t", "nat", "-X", "EXT-MARK");
        }
    }

    /** Results in every version the reference speaks come back as they went in (prevResult converted to the config's version). */
    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"})
    void prevResultPassesThroughInEveryVersion(String version) throws Exception {
        CniVersion v = CniVersion.parse(version, "cniVersion");
        String prev = v.atLeast(CniVersion.V0_3_0) ? PortmapLab.prevResult(true).replace("\"1.0.0\"", "\"" + version + "\"")
                : "{\"cniVersion\":\"" + version + "\",\"ip4\":{\"ip\":\"10.99.0.5/24\"},\"ip6\":{\"ip\":\"fd99::5/64\"},\"dns\":{}}";
        String config = PortmapLab.config(version, "[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}]", "", prev);
        Result r = lab.plugin.add(lab.request(Verb.ADD, "ctr-v", config));
        Result expected = ResultCodec.read(prev.getBytes(StandardCharsets.UTF_8), v);
        assertEquals(expected, r);
        String chain = IptablesPortmapRules.dnatChain(PortmapLab.NETWORK, "ctr-v");
        assertTrue(lab.nat(false).contains("-A " + chain + " -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.99.0.5:80"),
                lab.nat(false).toString());
        lab.plugin.del(lab.request(Verb.DEL, "ctr-v", config));
        assertFalse(String.join("\n", lab.nat(false)).contains("CNI-DN-"));
    }
}
