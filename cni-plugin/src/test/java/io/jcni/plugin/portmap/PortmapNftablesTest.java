package io.jcni.plugin.portmap;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.Verb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nftables backend (written over netlink) against the reference v1.x's, which is not installed
 * here: the oracle is {@code nft -f} fed the commands the reference's knftables sends for the
 * same mappings, in a second sandbox host. Same {@code nft list ruleset}; each side's DEL removes
 * the other's pod rules; CHECK names a missing rule.
 */
class PortmapNftablesTest {
    private static final String NFT = "\"backend\":\"nftables\"";
    private PortmapLab lab;

    @BeforeEach
    void setUp() {
        lab = new PortmapLab();
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    /**
     * What the reference v1.x sends (through knftables) for PortmapLab.MAPPINGS and a dual-stack
     * pod. (It names the output chain's priority dstnat, which this machine's nft 1.0.6 only
     * accepts for prerouting; -100 is the same number.)
     */
    static String referenceCommands(String id, boolean snat) {
        StringBuilder sb = new StringBuilder();
        for (boolean v6 : List.of(false, true)) {
            String fam = v6 ? "ip6" : "ip";
            String t = fam + " cni_hostport";
            String pod = v6 ? "fd99::5" : "10.99.0.5";
            String to = v6 ? "[fd99::5]" : "10.99.0.5";
            sb.append("add table ").append(t).append(" { comment \"CNI portmap plugin\" ; }\n")
                    .append("add chain ").append(t).append(" hostports\n")
                    .append("add chain ").append(t).append(" hostip_hostports\n")
                    .append("add chain ").append(t).append(" prerouting { type nat hook prerouting priority dstnat ; }\n")
                    .append("flush chain ").append(t).append(" prerouting\n")
                    .append("add rule ").append(t).append(" prerouting jump hostip_hostports\n")
                    .append("add rule ").append(t).append(" prerouting jump hostports\n")
                    .append("add chain ").append(t).append(" output { type nat hook output priority -100 ; }\n")
                    .append("flush chain ").append(t).append(" output\n")
                    .append("add rule ").append(t).append(" output jump hostip_hostports\n")
                    .append("add rule ").append(t).append(" output fib daddr type local jump hostports\n");
            if (snat) {
                sb.append("add chain ").append(t).append(" masquerading { type nat hook postrouting priority srcnat ; }\n");
            }
            String c = " comment \"" + id + "\"\n";
            sb.append("add rule ").append(t).append(" hostports tcp dport 8080 dnat to ").append(to).append(":80").append(c)
                    .append("add rule ").append(t).append(" hostports udp dport 8081 dnat to ").append(to).append(":81").append(c);
            sb.append(v6 ? "add rule " + t + " hostip_hostports ip6 daddr fd99::1 sctp dport 9091 dnat to " + to + ":91" + c
                    : "add rule " + t + " hostip_hostports ip daddr 127.0.0.1 tcp dport 9090 dnat to " + to + ":90" + c);
            if (snat) {
                sb.append("add rule ").append(t).append(" masquerading ").append(fam).append(" saddr ").append(pod)
                        .append(" ").append(fam).append(" daddr ").append(pod).append(" masquerade").append(c);
                if (!v6) {
                    sb.append("add rule ").append(t).append(" masquerading ip saddr 127.0.0.1 ip daddr ").append(pod)
                            .append(" masquerade").append(c);
                }
            }
        }
        return sb.toString();
    }

    private static String ruleset(PortmapLab l) {
        return l.host.exec("nft", "list", "ruleset");
    }

    @Test
    void writesWhatTheReferenceWrites() throws Exception {
        for (boolean snat : List.of(true, false)) {
            try (PortmapLab ref = new PortmapLab(); PortmapLab ours = new PortmapLab()) {
                ref.host.execInput(referenceCommands("ctr-n", snat), "nft", "-f", "-");
                ours.plugin.add(ours.request(Verb.ADD, "ctr-n", PortmapLab.config(PortmapLab.MAPPINGS,
                        NFT + ",\"snat\":" + snat)));
                assertEquals(ruleset(ref), ruleset(ours), "snat " + snat);
                ours.plugin.check(ours.request(Verb.CHECK, "ctr-n", PortmapLab.config(PortmapLab.MAPPINGS,
                        NFT + ",\"snat\":" + snat)));
            }
        }
    }

    @Test
    void eachDeletesWhatTheOtherAddedAndARepeatedAddDoesNotStack() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, NFT);
        lab.plugin.add(lab.request(Verb.ADD, "ctr-keep", config));
        String onlyKeep = ruleset(lab);
        lab.plugin.add(lab.request(Verb.ADD, "ctr-keep", config));
        assertEquals(onlyKeep, ruleset(lab), "a second ADD replaces the pod's rules");

        lab.host.execInput(referenceCommands("ctr-ref", true), "nft", "-f", "-");
        assertTrue(ruleset(lab).contains("\"ctr-ref\""));
        lab.plugin.del(lab.request(Verb.DEL, "ctr-ref", config));
        assertEquals(onlyKeep, ruleset(lab));
        lab.plugin.del(lab.request(Verb.DEL, "ctr-ref", config)); // nothing left to delete: fine

        // The reference deletes by comment == container ID in the three pod chains; so do we, and
        // what remains is the skeleton it leaves.
        lab.plugin.del(lab.request(Verb.DEL, "ctr-keep", config));
        assertFalse(ruleset(lab).contains("dnat"), ruleset(lab));
        assertFalse(ruleset(lab).contains("masquerade"), ruleset(lab));
    }

    @Test
    void checkNamesAMissingRule() throws Exception {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, NFT);
        lab.plugin.add(lab.request(Verb.ADD, "ctr-c", config));
        lab.plugin.check(lab.request(Verb.CHECK, "ctr-c", config));
        String handle = lab.host.exec("nft", "-a", "list", "chain", "ip", "cni_hostport", "hostports").lines()
                .filter(l -> l.contains("udp dport 8081")).findFirst().orElseThrow().replaceAll(".*# handle ", "").strip();
        lab.host.exec("nft", "delete", "rule", "ip", "cni_hostport", "hostports", "handle", handle);
        CniException e = assertThrows(CniException.class, () -> lab.plugin.check(lab.request(Verb.CHECK, "ctr-c", config)));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.getMessage().contains("ip cni_hostport hostports"), e.getMessage());
    }

    @Test
    void conditionsAreRefusedWithNftables() {
        String config = PortmapLab.config(PortmapLab.MAPPINGS, NFT + ",\"conditionsV4\":[\"ip saddr 10.0.0.0/8\"]");
        CniException e = assertThrows(CniException.class, () -> lab.plugin.add(lab.request(Verb.ADD, "ctr-x", config)));
        assertEquals(7, e.code());
        assertTrue(e.getMessage().startsWith("conditionsV4"), e.getMessage());
        assertEquals("", ruleset(lab).strip());
    }
}
