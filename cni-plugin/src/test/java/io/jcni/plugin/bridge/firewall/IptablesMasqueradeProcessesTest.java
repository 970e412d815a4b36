package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.XtablesVariant;
import io.jcni.conf.ValidAttachment;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.jcni.plugin.bridge.firewall.IptablesMasqueradeTest.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iptables backend's process budget, counted through {@link HostTools}: ADD starts one
 * iptables-restore per address family it writes, except on iptables-nft once its nat table is
 * there (then none); on iptables-nft, DEL, CHECK and GC start none.
 * The legacy path's (higher) counts are pinned too, so a change to either shows.
 */
class IptablesMasqueradeProcessesTest {
    private ScratchNamespace host;
    private HostTools tools;
    private final AttachmentRuleId id = new AttachmentRuleId("testnet", "ctr-a1", "eth0");

    @BeforeEach
    void setUp() {
        host = ScratchNamespace.create("br-iptp");
        tools = new HostTools(Optional.of(host.path()), Map.of());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    private IptablesMasquerade masq(XtablesVariant v) {
        return new IptablesMasquerade(tools, host.namespace(), v);
    }

    /** Processes {@code step} started. */
    private int count(Step step) throws Exception {
        int before = tools.processesStarted();
        step.run();
        return tools.processesStarted() - before;
    }

    interface Step {
        void run() throws Exception;
    }

    @Test
    void thisMachinesIptablesIsTheNftVariant() {
        // The e2e and bench numbers assume it; Debian 12's alternatives point at xtables-nft-multi.
        assertEquals(XtablesVariant.NFT, XtablesVariant.of("iptables-restore"));
        assertEquals(XtablesVariant.LEGACY, XtablesVariant.ofBinary(java.nio.file.Path.of("/usr/sbin/xtables-legacy-multi")));
    }

    @Test
    void nftVariantDelOfAnIpv4OnlyPodStartsNoProcess() throws Exception {
        IptablesMasquerade m = masq(XtablesVariant.NFT);
        assertEquals(1, count(() -> m.add(id, List.of(p("10.22.0.5", 24)))));
        assertEquals(0, count(() -> m.check(id, List.of(p("10.22.0.5", 24)))));
        assertEquals(0, count(() -> m.del(id)));
        assertFalse(host.exec("iptables-save", "-t", "nat").contains("CNI-"));
    }

    @Test
    void nftVariantAddStartsNoProcessOnceIptablesNftMadeItsNatTable() throws Exception {
        IptablesMasquerade m = masq(XtablesVariant.NFT);
        AttachmentRuleId first = new AttachmentRuleId("testnet", "ctr-first", "eth0");
        // No nat table yet in either family: iptables-restore makes them, one per family.
        assertEquals(2, count(() -> m.add(first, List.of(p("10.22.0.4", 24), p("fd00:22::4", 64)))));
        assertEquals(0, count(() -> m.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)))));
        assertEquals(0, count(() -> m.check(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)))));
        assertEquals(0, count(() -> m.del(id)));
        m.check(first, List.of(p("10.22.0.4", 24), p("fd00:22::4", 64)));
    }

    @Test
    void nftVariantDelWithNothingToRemoveStartsNoProcess() throws Exception {
        IptablesMasquerade m = masq(XtablesVariant.NFT);
        assertEquals(0, count(() -> m.del(id)));
        // Also with a nat table present that holds someone else's rules.
        AttachmentRuleId other = new AttachmentRuleId("testnet", "ctr-b2", "eth0");
        m.add(other, List.of(p("10.22.0.6", 24), p("fd00:22::6", 64)));
        assertEquals(0, count(() -> m.del(id)));
        m.check(other, List.of(p("10.22.0.6", 24), p("fd00:22::6", 64)));
    }

    @Test
    void nftVariantGcStartsNoProcess() throws Exception {
        IptablesMasquerade m = masq(XtablesVariant.NFT);
        AttachmentRuleId keep = new AttachmentRuleId("testnet", "ctr-keep", "eth0");
        assertEquals(2, count(() -> m.add(id, List.of(p("10.22.0.5", 24), p("fd00:22::5", 64)))));
        m.add(keep, List.of(p("10.22.0.7", 24)));
        assertEquals(0, count(() -> m.gc("testnet", Set.of(new ValidAttachment("ctr-keep", "eth0")))));
        String v4 = host.exec("iptables-save", "-t", "nat");
        assertFalse(v4.contains(id.iptablesChain()), v4);
        assertTrue(v4.contains(keep.iptablesChain()), v4);
        assertFalse(host.exec("ip6tables-save", "-t", "nat").contains("CNI-"));
        assertEquals(0, count(() -> m.gc("testnet", Set.of(new ValidAttachment("ctr-keep", "eth0")))));
    }

    @Test
    void legacyPathReadsEachFamilyAndRestoresOnlyWhereThereIsSomethingToRemove() throws Exception {
        IptablesMasquerade m = masq(XtablesVariant.LEGACY);
        m.add(id, List.of(p("10.22.0.5", 24)));
        // iptables-save, iptables-restore, ip6tables-save (nothing to restore for IPv6).
        assertEquals(3, count(() -> m.del(id)));
        assertEquals(2, count(() -> m.del(id)));
        assertEquals(2, count(() -> m.gc("testnet", Set.of())));
        assertFalse(host.exec("iptables-save", "-t", "nat").contains("CNI-"));
    }
}
