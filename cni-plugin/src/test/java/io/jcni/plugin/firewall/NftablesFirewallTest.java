package io.jcni.plugin.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nftables backend against the kernel, in a scratch namespace; read back with the nft tool. */
class NftablesFirewallTest {
    private ScratchNamespace host;
    private FirewallPlugin plugin;

    @BeforeEach
    void setUp() {
        host = ScratchNamespace.create("fw-nft");
        plugin = new FirewallPlugin(host.path());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    static String conf(String prev, String extra) {
        return FirewallPluginTest.conf(",\"backend\":\"nftables\"" + extra, prev);
    }

    static Request req(Verb verb, String containerId, String conf) {
        return Request.builder(verb).containerId(containerId).ifname("eth0").config(conf).build();
    }

    private String table() {
        return host.exec("nft", "list", "table", "inet", NftablesFirewall.TABLE);
    }

    @Test
    void addWritesTheTableAndPerAddressRulesWithTheAttachmentComment() throws Exception {
        String c = conf(FirewallPluginTest.PREV, "");
        plugin.add(req(Verb.ADD, "ctr-1", c));
        plugin.add(req(Verb.ADD, "ctr-1", c));
        String t = table();
        assertTrue(t.contains("type filter hook forward priority filter; policy accept;"), t);
        assertEquals(1, FirewallPluginTest.count(t, "jump admin"), t);
        assertEquals(1, FirewallPluginTest.count(t, "jump pods"), t);
        String comment = new AttachmentRuleId("fwnet", "ctr-1", "eth0").nftComment();
        assertTrue(t.contains("ip daddr 10.88.0.5 ct state established,related accept comment \"" + comment + "\""), t);
        assertTrue(t.contains("ip saddr 10.88.0.5 accept comment \"" + comment + "\""), t);
        assertTrue(t.contains("ip6 daddr fd00::5 ct state established,related accept comment"), t);
        assertEquals(1, FirewallPluginTest.count(t, "ip6 saddr fd00::5 accept"), t);
        plugin.check(req(Verb.CHECK, "ctr-1", c));
    }

    @Test
    void delFindsTheRulesByCommentEvenWithoutPrevResultAndRepeats() throws Exception {
        plugin.add(req(Verb.ADD, "ctr-1", conf(FirewallPluginTest.PREV, "")));
        plugin.add(req(Verb.ADD, "ctr-2", conf(FirewallPluginTest.PREV.replace("10.88.0.5", "10.88.0.6"), "")));
        plugin.del(req(Verb.DEL, "ctr-1", conf(null, "")));
        plugin.del(req(Verb.DEL, "ctr-1", conf(null, "")));
        String t = table();
        assertFalse(t.contains("10.88.0.5"), t);
        assertTrue(t.contains("10.88.0.6"), t);
    }

    @Test
    void gcRemovesRulesOfAttachmentsNotInTheValidList() throws Exception {
        plugin.add(req(Verb.ADD, "ctr-1", conf(FirewallPluginTest.PREV, "")));
        plugin.add(req(Verb.ADD, "ctr-2", conf(FirewallPluginTest.PREV.replace("10.88.0.5", "10.88.0.6"), "")));
        String gc = FirewallPluginTest.conf(",\"backend\":\"nftables\",\"cni.dev/valid-attachments\":"
                + "[{\"containerID\":\"ctr-2\",\"ifname\":\"eth0\"}]", null).replace("1.0.0", "1.1.0");
        plugin.gc(Request.builder(Verb.GC).config(gc).build());
        String t = table();
        assertFalse(t.contains("10.88.0.5"), t);
        assertTrue(t.contains("10.88.0.6"), t);
    }

    @Test
    void sameBridgeIngressPolicyWritesOneIsolationRulePerBridgeAndStage() throws Exception {
        String c = conf(FirewallPluginTest.PREV, ",\"ingressPolicy\":\"same-bridge\"");
        plugin.add(req(Verb.ADD, "ctr-1", c));
        plugin.add(req(Verb.ADD, "ctr-2", c.replace("10.88.0.5", "10.88.0.6")));
        plugin.add(req(Verb.ADD, "ctr-3", c.replace("10.88.0.5", "10.88.0.7").replace("\"cni0\"", "\"cni1\"")));
        String t = table();
        String comment = " comment \"CNI firewall plugin rules (ingressPolicy: same-bridge)\"";
        assertEquals(1, FirewallPluginTest.count(t, "iifname \"cni0\" oifname != \"cni0\" jump isolation_stage_2" + comment), t);
        assertEquals(1, FirewallPluginTest.count(t, "oifname \"cni0\" drop" + comment), t);
        assertTrue(t.contains("iifname \"cni1\" oifname != \"cni1\" jump isolation_stage_2"), t);
        assertTrue(t.contains("oifname \"cni1\" drop"), t);
        assertTrue(t.indexOf("jump isolation_stage_1") < t.indexOf("jump admin"), t);
        plugin.check(req(Verb.CHECK, "ctr-1", c));
    }

    /** The kernel refuses the transaction (our base chain name taken by a regular chain): nothing of it stays. */
    @Test
    void aRefusedTransactionFailsWhole() {
        host.execInput("add table inet cni_plugins_firewall\nadd chain inet cni_plugins_firewall forward\n", "nft", "-f", "-");
        CniException e = assertThrows(CniException.class, () -> plugin.add(req(Verb.ADD, "ctr-1", conf(FirewallPluginTest.PREV, ""))));
        assertEquals(HostErrors.CHANGE_REFUSED, e.code());
        assertTrue(e.msg().startsWith("add firewall rules for ctr-1: "), e.msg());
        String t = table();
        assertFalse(t.contains("10.88.0.5"), t);
        assertFalse(t.contains("chain pods"), t);
    }

    @Test
    void checkNamesWhatIsMissing() throws Exception {
        String c = conf(FirewallPluginTest.PREV, "");
        CniException e = assertThrows(CniException.class, () -> plugin.check(req(Verb.CHECK, "ctr-1", c)));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.msg().contains("jumps to admin"), e.msg());
        plugin.add(req(Verb.ADD, "ctr-1", c));
        plugin.del(req(Verb.DEL, "ctr-1", c));
        e = assertThrows(CniException.class, () -> plugin.check(req(Verb.CHECK, "ctr-1", c)));
        assertTrue(e.msg().contains("rule missing from inet cni_plugins_firewall pods: ip daddr 10.88.0.5 ct state established,related accept"), e.msg());
    }
}
