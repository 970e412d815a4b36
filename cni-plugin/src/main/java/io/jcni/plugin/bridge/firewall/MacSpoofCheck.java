package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.rules.NftChanges;
import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftChain;
import io.jcni.netlink.nftables.NftChainType;
import io.jcni.netlink.nftables.NftCmp;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftHook;
import io.jcni.netlink.nftables.NftMeta;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftRuleBuilder;
import io.jcni.netlink.nftables.NftTable;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.MacAddress;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code macspoofchk}: frames entering the bridge from a pod's host veth pass only with the pod's
 * own source MAC. Same objects as the reference, so either plugin removes the other's: table
 * {@code bridge nat}, base chain {@code PREROUTING} (filter hook prerouting, priority -300, which
 * nft shows as dstnat) with {@code iifname VETH jump cni-br-iface-REF}, that chain jumping to
 * {@code cni-br-iface-REF-mac} which returns for the pod's MAC and drops the rest; every rule
 * commented {@code macspoofchk-REF}, where REF is {@code CONTAINERID-IFNAME}. Written through our
 * nf_tables client, one transaction per change.
 */
public final class MacSpoofCheck {
    static final String TABLE = "nat";
    static final String BASE_CHAIN = "PREROUTING";
    private static final NftFamily BRIDGE = NftFamily.BRIDGE;
    private static final int PRIORITY = -300;

    private final NetNamespace hostNs;

    public MacSpoofCheck(NetNamespace hostNs) {
        this.hostNs = hostNs;
    }

    /** The reference's per-attachment id. */
    static String refId(String containerId, String ifname) {
        return containerId + "-" + ifname;
    }

    static String ifaceChain(String ref) {
        return "cni-br-iface-" + ref;
    }

    static String comment(String ref) {
        return "macspoofchk-" + ref;
    }

    /** Installs the check for the pod's host veth and MAC, in one transaction. */
    public void add(String containerId, String ifname, String hostVeth, MacAddress mac) throws CniException {
        NftChanges.apply(hostNs, "install the MAC spoof check for " + hostVeth, addTransaction(refId(containerId, ifname), hostVeth, mac));
    }

    static NftTransaction addTransaction(String ref, String hostVeth, MacAddress mac) {
        String iface = ifaceChain(ref);
        String macChain = iface + "-mac";
        String c = comment(ref);
        return new NftTransaction()
                .createTable(NftTable.of(BRIDGE, TABLE))
                .createChain(NftChain.base(BRIDGE, TABLE, BASE_CHAIN, NftChainType.FILTER, NftHook.PREROUTING, PRIORITY))
                .createChain(NftChain.regular(BRIDGE, TABLE, iface))
                .createChain(NftChain.regular(BRIDGE, TABLE, macChain))
                .flushChain(BRIDGE, TABLE, iface)
                .flushChain(BRIDGE, TABLE, macChain)
                .addRule(new NftRuleBuilder(BRIDGE, TABLE, BASE_CHAIN).inputInterface(hostVeth).jump(iface).comment(c).build())
                .addRule(new NftRuleBuilder(BRIDGE, TABLE, iface).jump(macChain).comment(c).build())
                .addRule(new NftRuleBuilder(BRIDGE, TABLE, macChain).etherSource(mac).returnFromChain().comment(c).build())
                .addRule(new NftRuleBuilder(BRIDGE, TABLE, macChain).drop().comment(c).build());
    }

    /** Removes the attachment's rule and chains; succeeds when they are not there. */
    public void del(String containerId, String ifname) throws CniException {
        String ref = refId(containerId, ifname);
        try (Nftables nft = Nftables.open(hostNs)) {
            NftTransaction tx = new NftTransaction();
            for (NftRule r : nft.listRules(BRIDGE, TABLE, BASE_CHAIN)) {
                if (r.comment().filter(comment(ref)::equals).isPresent()) {
                    tx.deleteRule(r);
                }
            }
            deleteChains(nft, tx, ifaceChain(ref));
            nft.apply("remove the MAC spoof check of " + ref, tx);
        } catch (NetlinkException e) {
            throw KernelCall.refused("remove the MAC spoof check of " + ref, e);
        }
    }

    /**
     * GC: removes the checks of host veths that no longer exist (their pods are gone; the check
     * table is shared by all networks, so a link's absence is the only safe proof of staleness).
     */
    public void gcOrphans(Set<String> existingLinks) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            NftTransaction tx = new NftTransaction();
            for (NftRule r : nft.listRules(BRIDGE, TABLE, BASE_CHAIN)) {
                Optional<String> ref = r.comment().filter(c -> c.startsWith("macspoofchk-"))
                        .map(c -> c.substring("macspoofchk-".length()));
                Optional<String> iif = inputInterface(r);
                if (ref.isEmpty() || iif.isEmpty() || existingLinks.contains(iif.get())) {
                    continue;
                }
                tx.deleteRule(r);
                deleteChains(nft, tx, ifaceChain(ref.get()));
            }
            nft.apply("remove stale MAC spoof checks", tx);
        } catch (NetlinkException e) {
            throw KernelCall.refused("remove stale MAC spoof checks", e);
        }
    }

    /** Adds to {@code tx} the removal of an attachment's two chains, those that exist. */
    private static void deleteChains(Nftables nft, NftTransaction tx, String iface) {
        // The iface chain jumps to the mac chain, so it goes first; both must be emptied first.
        for (String chain : List.of(iface, iface + "-mac")) {
            if (nft.findChain(BRIDGE, TABLE, chain).isPresent()) {
                tx.flushChain(BRIDGE, TABLE, chain).deleteChain(BRIDGE, TABLE, chain);
            }
        }
    }

    /** The interface name an {@code iifname NAME} match compares with. */
    static Optional<String> inputInterface(NftRule r) {
        List<NftExpression> e = r.expressions();
        for (int i = 0; i + 1 < e.size(); i++) {
            if (e.get(i) instanceof NftMeta m && m.key() == NftMeta.KEY_IIFNAME && e.get(i + 1) instanceof NftCmp c) {
                byte[] b = c.data().bytes();
                int len = 0;
                while (len < b.length && b[len] != 0) {
                    len++;
                }
                return Optional.of(new String(b, 0, len, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
