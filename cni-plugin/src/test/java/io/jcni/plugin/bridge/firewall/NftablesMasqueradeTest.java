package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.ValidAttachment;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the kernel, in a scratch namespace that stands for the host; read back with the nft tool. */
class NftablesMasqueradeTest {
    private ScratchNamespace host;
    private NetNamespace hostNs;
    private NftablesMasquerade masq;
    private final AttachmentRuleId id = new AttachmentRuleId("testnet", "ctr-a1", "eth0");

    @BeforeEach
    void setUp() {
        host = ScratchNamespace.create("br-nft");
        hostNs = NetNamespace.open(host.path());
        masq = new NftablesMasquerade(hostNs);
    }

    @AfterEach
    void tearDown() {
        hostNs.close();
        host.close();
    }

    static IpPrefix p(String addr, int len) throws Exception {
        return new IpPrefix(InetAddress.getByName(addr), len);
    }

    private String table() {
        return host.exec("nft", "list", "table", "inet", "cni_plugins_masquerade");
    }

    @Test
    void addWritesTheReferenceTableChainsAndRules() throws Exception {
        masq.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
        String t = table();
        assertTrue(t.contains("type nat hook postrouting priority srcnat; policy accept;"), t);
        assertTrue(t.contains("ip daddr 224.0.0.0/4 return\n"), t);
        assertTrue(t.contains("ip6 daddr ff00::/8 return\n"), t);
        assertTrue(t.contains("goto masq_checks\n"), t);
        String c = "comment \"" + id.nftComment() + "\"";
        assertTrue(t.contains("ip saddr 10.22.0.5 ip daddr != 10.22.0.0/24 masquerade " + c), t);
        assertTrue(t.contains("ip6 saddr fd00:22::5 ip6 daddr != fd00:22::/64 masquerade " + c), t);
        masq.check(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
    }

    @Test
    void exemptDestinationsReturnBeforeTheMasqueradeAndGoWithDel() throws Exception {
        NftablesMasquerade exempting = new NftablesMasquerade(hostNs, List.of(p("10.244.0.0", 16), p("fd00:244::", 56)));
        List<IpPrefix> addrs = List.of(p("10.244.1.5", 24), p("fd00:244:0:1::5", 64));
        exempting.add(id, addrs);
        String t = table();
        String c = "comment \"" + id.nftComment() + "\"";
        assertTrue(t.contains("ip saddr 10.244.1.5 ip daddr 10.244.0.0/16 return " + c + "\n"
                + "\t\tip saddr 10.244.1.5 ip daddr != 10.244.1.0/24 masquerade " + c), t);
        assertTrue(t.contains("ip6 saddr fd00:244:0:1::5 ip6 daddr fd00:244::/56 return " + c), t);
        exempting.check(id, addrs);
        CniException e = assertThrows(CniException.class,
                () -> new NftablesMasquerade(hostNs, List.of(p("10.96.0.0", 12))).check(id, addrs));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        masq.del(id);
        assertFalse(table().contains("10.244"), table());
    }

    @Test
    void aSecondAddKeepsOneCopyOfThePostroutingRules() throws Exception {
        AttachmentRuleId other = new AttachmentRuleId("testnet", "ctr-b2", "eth0");
        masq.add(id, List.of(p("10.22.0.5", 24)));
        masq.add(other, List.of(p("10.22.0.6", 24)));
        String t = table();
        assertEquals(1, t.split("goto masq_checks", -1).length - 1, t);
        masq.check(id, List.of(p("10.22.0.5", 24)));
        masq.check(other, List.of(p("10.22.0.6", 24)));
    }

    /** Written in the text form the reference's knftables transaction uses; our DEL finds it by comment. */
    @Test
    void delRemovesRulesTheReferenceWroteWithoutKnowingTheAddress() throws Exception {
        host.execInput("""
                add table inet cni_plugins_masquerade { comment "Masquerading for plugins from github.com/containernetworking/plugins" ; }
                add chain inet cni_plugins_masquerade masq_checks { comment "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet" ; }
                add chain inet cni_plugins_masquerade postrouting { type nat hook postrouting priority srcnat ; }
                add rule inet cni_plugins_masquerade postrouting ip daddr == 224.0.0.0/4  return
                add rule inet cni_plugins_masquerade postrouting ip6 daddr == ff00::/8  return
                add rule inet cni_plugins_masquerade postrouting goto masq_checks
                add rule inet cni_plugins_masquerade masq_checks ip saddr == 10.22.0.7 ip daddr != 10.22.0.0/24 masquerade comment "%s"
                """.formatted(id.nftComment()), "nft", "-f", "-");
        masq.check(id, List.of(p("10.22.0.7", 24)));
        masq.del(id);
        assertFalse(table().contains("masquerade comment"), table());
    }

    @Test
    void delIsIdempotentAndSucceedsWithoutTheTable() throws Exception {
        masq.del(id);
        masq.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
        masq.del(id);
        masq.del(id);
        assertFalse(table().contains("masquerade comment"), table());
    }

    @Test
    void delLeavesOtherAttachmentsAlone() throws Exception {
        AttachmentRuleId otherIf = new AttachmentRuleId("testnet", "ctr-a1", "eth1");
        masq.add(id, List.of(p("10.22.0.5", 24)));
        masq.add(otherIf, List.of(p("10.22.0.6", 24)));
        masq.del(id);
        assertFalse(table().contains("10.22.0.5"), table());
        masq.check(otherIf, List.of(p("10.22.0.6", 24)));
    }

    @Test
    void checkNamesWhatIsMissing() throws Exception {
        CniException e = assertThrows(CniException.class, () -> masq.check(id, List.of(p("10.22.0.5", 24))));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.msg().contains("10.22.0.5 outside 10.22.0.0/24"), e.msg());
        masq.add(id, List.of(p("10.22.0.5", 24)));
        e = assertThrows(CniException.class, () -> masq.check(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64))));
        assertTrue(e.msg().contains("fd00:22::5 outside fd00:22::/64"), e.msg());
    }

    @Test
    void gcRemovesOnlyRulesOfThisNetworkWithoutAValidAttachment() throws Exception {
        AttachmentRuleId keep = new AttachmentRuleId("testnet", "ctr-keep", "eth0");
        AttachmentRuleId otherNet = new AttachmentRuleId("othernet", "ctr-a1", "eth0");
        masq.add(id, List.of(p("10.22.0.5", 24)));
        masq.add(keep, List.of(p("10.22.0.6", 24)));
        masq.add(otherNet, List.of(p("10.23.0.5", 24)));
        masq.gc("testnet", Set.of(new ValidAttachment("ctr-keep", "eth0")));
        String t = table();
        assertFalse(t.contains("10.22.0.5"), t);
        masq.check(keep, List.of(p("10.22.0.6", 24)));
        masq.check(otherNet, List.of(p("10.23.0.5", 24)));
    }
}
