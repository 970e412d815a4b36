package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.XtablesVariant;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.ValidAttachment;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the kernel, in a scratch namespace that stands for the host the plugin runs in, through
 * the iptables-nft path (netlink reads and deletes); {@link IptablesMasqueradeLegacyPathTest} runs
 * the same cases through the save + restore path that iptables-legacy hosts take.
 */
class IptablesMasqueradeTest {
    private ScratchNamespace host;
    private IptablesMasquerade masq;
    private final AttachmentRuleId id = new AttachmentRuleId("testnet", "ctr-a1", "eth0");

    @BeforeEach
    void setUp() {
        host = ScratchNamespace.create("br-ipt");
        masq = new IptablesMasquerade(new HostTools(Optional.of(host.path()), Map.of()), host.namespace(), variant());
    }

    /** The path under test; this machine's tools are iptables-nft, and both paths must work with them. */
    XtablesVariant variant() {
        return XtablesVariant.NFT;
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    static IpPrefix p(String addr, int len) throws Exception {
        return new IpPrefix(InetAddress.getByName(addr), len);
    }

    private String nat4() {
        return host.exec("iptables-save", "-t", "nat");
    }

    private String nat6() {
        return host.exec("ip6tables-save", "-t", "nat");
    }

    /**
     * ADD over netlink (iptables-nft's nat tables already there) against ADD through
     * iptables-restore (the legacy path's, here with the same iptables-nft tools) in a second
     * host: iptables-save shows the same bytes, and nft the same expressions, both families.
     */
    @Test
    void addOverNetlinkWritesWhatIptablesRestoreWrites() throws Exception {
        AttachmentRuleId first = new AttachmentRuleId("testnet", "ctr-first", "eth0");
        List<IpPrefix> firstAddresses = List.of(p("10.22.0.4", 24), p("fd00:22::4", 64));
        List<IpPrefix> addresses = List.of(p("10.22.0.5", 24), p("10.23.0.5", 16), p("fd00:22::5", 64));
        try (ScratchNamespace other = ScratchNamespace.create("br-iptr")) {
            IptablesMasquerade restored = new IptablesMasquerade(new HostTools(Optional.of(other.path()), Map.of()),
                    other.namespace(), XtablesVariant.LEGACY);
            restored.add(first, firstAddresses);
            restored.add(id, addresses);
            masq.add(first, firstAddresses); // makes the nat tables (iptables-restore)
            masq.add(id, addresses); // over netlink
            for (String save : List.of("iptables-save", "ip6tables-save")) {
                assertEquals(withoutDates(other.exec(save, "-t", "nat")), withoutDates(host.exec(save, "-t", "nat")), save);
            }
            for (String table : List.of("ip", "ip6")) {
                assertEquals(other.exec("nft", "--debug=netlink", "list", "table", table, "nat"),
                        host.exec("nft", "--debug=netlink", "list", "table", table, "nat"), table);
            }
            masq.check(id, addresses);
            masq.del(id);
            masq.check(first, firstAddresses);
            assertFalse(nat4().contains(id.iptablesChain()));
        }
    }

    private static String withoutDates(String save) {
        return save.lines().filter(l -> !l.startsWith("# ")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void addWritesTheReferenceChainRulesAndComments() throws Exception {
        masq.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
        String chain = id.iptablesChain();
        String c = "-m comment --comment \"name: \\\"testnet\\\" id: \\\"ctr-a1\\\"\"";
        String v4 = nat4();
        assertTrue(v4.contains(":" + chain + " - [0:0]"), v4);
        assertTrue(v4.contains("-A POSTROUTING -s 10.22.0.5/32 " + c + " -j " + chain + "\n"), v4);
        assertTrue(v4.contains("-A " + chain + " -d 10.22.0.0/24 " + c + " -j ACCEPT\n"
                + "-A " + chain + " ! -d 224.0.0.0/4 " + c + " -j MASQUERADE\n"), v4);
        String v6 = nat6();
        assertTrue(v6.contains("-A POSTROUTING -s fd00:22::5/128 " + c + " -j " + chain + "\n"), v6);
        assertTrue(v6.contains("-A " + chain + " -d fd00:22::/64 " + c + " -j ACCEPT\n"
                + "-A " + chain + " ! -d ff00::/8 " + c + " -j MASQUERADE\n"), v6);
        masq.check(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
    }

    @Test
    void exemptDestinationsAreAcceptedBeforeTheMasqueradeAndCheckedAndDeleted() throws Exception {
        IptablesMasquerade exempting = new IptablesMasquerade(new HostTools(Optional.of(host.path()), Map.of()),
                host.namespace(), variant(), List.of(p("10.244.0.0", 16), p("fd00:244::", 56)));
        List<IpPrefix> addrs = List.of(p("10.244.1.5", 24), p("fd00:244:0:1::5", 64));
        exempting.add(id, addrs);
        String chain = id.iptablesChain();
        String c = "-m comment --comment \"name: \\\"testnet\\\" id: \\\"ctr-a1\\\"\"";
        String v4 = nat4();
        assertTrue(v4.contains("-A " + chain + " -d 10.244.1.0/24 " + c + " -j ACCEPT\n"
                + "-A " + chain + " -d 10.244.0.0/16 " + c + " -j ACCEPT\n"
                + "-A " + chain + " ! -d 224.0.0.0/4 " + c + " -j MASQUERADE\n"), v4);
        String v6 = nat6();
        assertTrue(v6.contains("-A " + chain + " -d fd00:244::/56 " + c + " -j ACCEPT\n"
                + "-A " + chain + " ! -d ff00::/8 " + c + " -j MASQUERADE\n"), v6);
        exempting.check(id, addrs);
        CniException e = assertThrows(CniException.class, () -> new IptablesMasquerade(
                new HostTools(Optional.of(host.path()), Map.of()), host.namespace(), variant(),
                List.of(p("10.96.0.0", 12))).check(id, addrs));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.getMessage().contains("10.96.0.0/12"), e.getMessage());
        masq.del(id);
        assertFalse(nat4().contains(chain), nat4());
        assertFalse(nat6().contains(chain), nat6());
    }

    /** The reference's teardown is go-iptables Delete/ClearChain/DeleteChain; run the same iptables calls. */
    @Test
    void theReferenceTeardownRemovesOurRules() throws Exception {
        masq.add(id, List.of(p("10.22.0.5", 24)));
        String chain = id.iptablesChain();
        String comment = id.iptablesComment();
        host.exec("iptables", "-t", "nat", "-D", "POSTROUTING", "-s", "10.22.0.5", "-j", chain, "-m", "comment", "--comment", comment);
        host.exec("iptables", "-t", "nat", "-F", chain);
        host.exec("iptables", "-t", "nat", "-X", chain);
        assertFalse(nat4().contains("CNI-"), nat4());
    }

    /** The reference's setup is go-iptables NewChain + AppendUnique with its argument order; ours deletes it. */
    @Test
    void delRemovesRulesTheReferenceWroteWithoutKnowingTheAddress() throws Exception {
        String chain = id.iptablesChain();
        String comment = id.iptablesComment();
        host.exec("iptables", "-t", "nat", "-N", chain);
        host.exec("iptables", "-t", "nat", "-A", chain, "-d", "10.22.0.7/24", "-j", "ACCEPT", "-m", "comment", "--comment", comment);
        host.exec("iptables", "-t", "nat", "-A", chain, "!", "-d", "224.0.0.0/4", "-j", "MASQUERADE", "-m", "comment", "--comment", comment);
        host.exec("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "10.22.0.7", "-j", chain, "-m", "comment", "--comment", comment);
        // What the reference wrote is exactly what our CHECK expects.
        masq.check(id, List.of(p("10.22.0.7", 24)));
        masq.del(id);
        assertFalse(nat4().contains("CNI-"), nat4());
        assertEquals("", host.exec("sh", "-c", "iptables-save -t nat 2>&1 >/dev/null"), "iptables-save complains");
    }

    /** Prefixes that do not end on a byte make iptables-nft add a bitwise mask; CHECK must read those too. */
    @Test
    void checkReadsPrefixesOfAnyLength() throws Exception {
        List<IpPrefix> addrs = List.of(p("10.22.1.5", 20), p("fd00:22::5", 60), p("10.30.0.9", 8));
        masq.add(id, addrs);
        masq.check(id, addrs);
        CniException e = assertThrows(CniException.class, () -> masq.check(id, List.of(p("10.22.1.5", 21))));
        assertTrue(e.msg().contains("-d 10.22.0.0/21"), e.msg());
        masq.del(id);
        assertFalse(nat4().contains("CNI-"), nat4());
        assertFalse(nat6().contains("CNI-"), nat6());
        assertEquals("", host.exec("sh", "-c", "iptables-save 2>&1 >/dev/null; ip6tables-save 2>&1 >/dev/null"));
    }

    @Test
    void delLeavesOtherContainersAlone() throws Exception {
        AttachmentRuleId other = new AttachmentRuleId("testnet", "ctr-b2", "eth0");
        masq.add(id, List.of(p("10.22.0.5", 24)));
        masq.add(other, List.of(p("10.22.0.6", 24)));
        masq.del(id);
        String v4 = nat4();
        assertFalse(v4.contains(id.iptablesChain()), v4);
        assertTrue(v4.contains("-A POSTROUTING -s 10.22.0.6/32"), v4);
        masq.check(other, List.of(p("10.22.0.6", 24)));
    }

    @Test
    void delIsIdempotentAndSucceedsOnAnEmptyTable() throws Exception {
        masq.del(id);
        masq.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
        masq.del(id);
        masq.del(id);
        assertFalse(nat4().contains("CNI-"));
        assertFalse(nat6().contains("CNI-"));
    }

    @Test
    void repeatedAddDoesNotStackChainRules() throws Exception {
        masq.add(id, List.of(p("10.22.0.5", 24)));
        masq.add(id, List.of(p("10.22.0.5", 24)));
        String v4 = nat4();
        assertEquals(1, v4.split(" -j MASQUERADE", -1).length - 1, v4);
        masq.del(id);
        assertFalse(nat4().contains("CNI-"), nat4());
    }

    @Test
    void checkNamesTheMissingRule() throws Exception {
        masq.add(id, List.of(p("10.22.0.5", 24)));
        host.exec("iptables", "-t", "nat", "-F", "POSTROUTING");
        CniException e = assertThrows(CniException.class, () -> masq.check(id, List.of(p("10.22.0.5", 24))));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.msg().contains("-A POSTROUTING -s 10.22.0.5/32"), e.msg());
        masq.del(id);
        e = assertThrows(CniException.class, () -> masq.check(id, List.of(p("10.22.0.5", 24))));
        assertTrue(e.msg().contains("chain " + id.iptablesChain()), e.msg());
    }

    @Test
    void gcRemovesOnlyChainsOfThisNetworkWithoutAValidAttachment() throws Exception {
        AttachmentRuleId keep = new AttachmentRuleId("testnet", "ctr-keep", "eth0");
        AttachmentRuleId otherNet = new AttachmentRuleId("othernet", "ctr-a1", "eth0");
        masq.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)));
        masq.add(keep, List.of(p("10.22.0.6", 24)));
        masq.add(otherNet, List.of(p("10.23.0.5", 24)));
        masq.gc("testnet", Set.of(new ValidAttachment("ctr-keep", "eth0")));
        String v4 = nat4();
        assertFalse(v4.contains(id.iptablesChain()), v4);
        assertFalse(nat6().contains(id.iptablesChain()), nat6());
        masq.check(keep, List.of(p("10.22.0.6", 24)));
        masq.check(otherNet, List.of(p("10.23.0.5", 24)));
    }

    @Test
    void aRefusedDeleteIsAnErrorAndChangesNothing() throws Exception {
        // A prefix length iptables rejects cannot come from a valid IpPrefix, so break the table instead:
        // a chain of our name that another rule still references cannot be deleted.
        masq.add(id, List.of(p("10.22.0.5", 24)));
        host.exec("iptables", "-t", "nat", "-N", "OTHER");
        host.exec("iptables", "-t", "nat", "-A", "OTHER", "-j", id.iptablesChain());
        CniException e = assertThrows(CniException.class, () -> masq.del(id));
        assertEquals(HostErrors.CHANGE_REFUSED, e.code());
        assertTrue(e.msg().contains("delete masquerade rules for ctr-a1"), e.msg());
        // All or nothing: the POSTROUTING jump went back with the chain it could not delete.
        masq.check(id, List.of(p("10.22.0.5", 24)));
    }
}
