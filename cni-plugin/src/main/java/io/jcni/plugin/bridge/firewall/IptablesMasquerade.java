package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.GoQuote;
import io.jcni.plugin.rules.IptablesDump;
import io.jcni.plugin.rules.IptablesNftTable;
import io.jcni.plugin.rules.IptablesTool;
import io.jcni.plugin.rules.NftChanges;
import io.jcni.plugin.rules.XtExpressions;
import io.jcni.plugin.rules.XtablesVariant;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.ValidAttachment;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftChain;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftRuleBuilder;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The iptables backend, with the reference plugin's chain, rules and comments: in table nat, chain
 * {@link AttachmentRuleId#iptablesChain()} holds {@code -d SUBNET -j ACCEPT} then
 * {@code ! -d MULTICAST -j MASQUERADE}, and POSTROUTING jumps there from each pod address; every
 * rule carries {@link AttachmentRuleId#iptablesComment()}.
 *
 * <p>ADD is one {@code iptables-restore --noflush} per address family it has addresses of, so it
 * is atomic and costs one process (declaring the chain flushes it, so a repeated ADD does not stack
 * chain rules). DEL, CHECK and GC must first find the POSTROUTING jumps by their target. With
 * iptables-nft ({@link XtablesVariant#NFT}) they read the {@code ip nat} / {@code ip6 nat}
 * nf_tables tables over netlink and delete by rule handle in one nf_tables transaction: no process
 * at all. With iptables-legacy they read with {@code iptables-save -t nat} and change with one
 * {@code iptables-restore --noflush} per family that has something to remove.
 */
public final class IptablesMasquerade implements MasqueradeRules {
    /** The two address families and their tools. */
    enum Family {
        V4(IptablesTool.Family.V4, "224.0.0.0/4", NftFamily.IP),
        V6(IptablesTool.Family.V6, "ff00::/8", NftFamily.IP6);

        final IptablesTool.Family tool;
        final String multicast;
        final NftFamily nft;

        Family(IptablesTool.Family tool, String multicast, NftFamily nft) {
            this.tool = tool;
            this.multicast = multicast;
            this.nft = nft;
        }

        static Family of(IpPrefix p) {
            return p.isIpv4() ? V4 : V6;
        }
    }

    private final IptablesTool tool;
    private final NetNamespace hostNs;
    private final XtablesVariant variant;
    private final List<IpPrefix> exempt;

    /** @param tools runs the iptables tools in the host namespace {@code hostNs} */
    public IptablesMasquerade(HostTools tools, NetNamespace hostNs) {
        this(tools, hostNs, List.of());
    }

    /** @param exempt destinations (beside the pod's subnet) that get an ACCEPT before the MASQUERADE */
    IptablesMasquerade(HostTools tools, NetNamespace hostNs, List<IpPrefix> exempt) {
        this(tools, hostNs, XtablesVariant.of(Family.V4.tool.restore), exempt);
    }

    IptablesMasquerade(HostTools tools, NetNamespace hostNs, XtablesVariant variant) {
        this(tools, hostNs, variant, List.of());
    }

    IptablesMasquerade(HostTools tools, NetNamespace hostNs, XtablesVariant variant, List<IpPrefix> exempt) {
        this.tool = new IptablesTool(tools);
        this.hostNs = hostNs;
        this.variant = variant;
        this.exempt = List.copyOf(exempt);
    }

    /** Whether this backend can work here: the reference prefers iptables when it is installed. */
    public static boolean available() {
        return IptablesTool.installed(Family.V4.tool);
    }

    @Override
    public void add(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException {
        if (variant == XtablesVariant.NFT && addOverNetlink(id, addresses)) {
            return;
        }
        for (Family f : Family.values()) {
            List<IpPrefix> mine = addresses.stream().filter(a -> Family.of(a) == f).toList();
            if (!mine.isEmpty()) {
                tool.restore(f.tool, addScript(id, f, mine, exempt), "add masquerade rules for " + id.containerId());
            }
        }
    }

    @Override
    public void del(AttachmentRuleId id) throws CniException {
        String chain = id.iptablesChain();
        if (variant == XtablesVariant.NFT) {
            deleteOverNetlink(chain::equals, d -> Set.of(chain), "delete masquerade rules for " + id.containerId());
            return;
        }
        for (Family f : Family.values()) {
            if (!HostTools.installed(f.tool.save)) {
                continue; // no tool, so nobody can have written rules with it
            }
            String script = delScript(id, tool.dump(f.tool, "nat"));
            if (!script.isEmpty()) {
                tool.restore(f.tool, script, "delete masquerade rules for " + id.containerId());
            }
        }
    }

    @Override
    public void check(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException {
        for (Family f : Family.values()) {
            List<IpPrefix> mine = addresses.stream().filter(a -> Family.of(a) == f).toList();
            if (mine.isEmpty()) {
                continue;
            }
            String chain = id.iptablesChain();
            IptablesDump d = variant == XtablesVariant.NFT ? readOverNetlink(f, chain::equals) : tool.dump(f.tool, "nat");
            if (!d.chains().contains(chain)) {
                throw differs("masquerade: chain " + chain + " is missing from the nat table", "");
            }
            for (String rule : expectedRules(id, f, mine, exempt)) {
                if (!d.rules().contains(rule)) {
                    throw differs("masquerade: rule missing from the nat table: " + rule, "");
                }
            }
        }
    }

    @Override
    public void gc(String network, Set<ValidAttachment> valid) throws CniException {
        Set<String> liveIds = valid.stream().map(ValidAttachment::containerId).collect(Collectors.toSet());
        if (variant == XtablesVariant.NFT) {
            deleteOverNetlink(c -> c.startsWith("CNI-"), d -> staleChains(network, liveIds, d),
                    "remove stale masquerade rules of network " + network);
            return;
        }
        for (Family f : Family.values()) {
            if (!HostTools.installed(f.tool.save)) {
                continue;
            }
            String script = gcScript(network, liveIds, tool.dump(f.tool, "nat"));
            if (!script.isEmpty()) {
                tool.restore(f.tool, script, "remove stale masquerade rules of network " + network);
            }
        }
    }

    /** The restore input for ADD: the chain (created or flushed), its two rules per subnet, the jumps. */
    static String addScript(AttachmentRuleId id, Family f, List<IpPrefix> addresses, List<IpPrefix> exempt) {
        StringBuilder sb = new StringBuilder("*nat\n:").append(id.iptablesChain()).append(" - [0:0]\n");
        for (String rule : expectedRules(id, f, addresses, exempt)) {
            sb.append(rule).append('\n');
        }
        return sb.append("COMMIT\n").toString();
    }

    /**
     * The rules ADD makes, in iptables-save's canonical text: chain rules first (each once, in the
     * reference's order; the exempt destinations of the family, if any, right after the first
     * subnet's ACCEPT), then one POSTROUTING jump per address.
     */
    static List<String> expectedRules(AttachmentRuleId id, Family f, List<IpPrefix> addresses, List<IpPrefix> exempt) {
        String chain = id.iptablesChain();
        String comment = "-m comment --comment " + IptablesDump.quoteComment(id.iptablesComment());
        Set<String> chainRules = new LinkedHashSet<>();
        List<String> jumps = new ArrayList<>();
        for (IpPrefix a : addresses) {
            chainRules.add("-A " + chain + " -d " + a.subnet() + " " + comment + " -j ACCEPT");
            for (IpPrefix e : exempt(f, exempt)) {
                chainRules.add("-A " + chain + " -d " + e + " " + comment + " -j ACCEPT");
            }
            chainRules.add("-A " + chain + " ! -d " + f.multicast + " " + comment + " -j MASQUERADE");
            jumps.add("-A POSTROUTING -s " + IpPrefix.host(a.address()) + " " + comment + " -j " + chain);
        }
        List<String> all = new ArrayList<>(chainRules);
        all.addAll(jumps.stream().distinct().toList());
        return all;
    }

    /** The restore input for DEL: drop every POSTROUTING jump to the chain, then the chain; empty if none. */
    static String delScript(AttachmentRuleId id, IptablesDump d) {
        return deleteChains(Set.of(id.iptablesChain()), d);
    }

    /**
     * The restore input for GC: chains whose rules carry this network's comment for a container ID
     * that has no valid attachment, and whose name is the one that ID yields (so a chain of some
     * other owner that merely copies the comment is left alone).
     */
    static String gcScript(String network, Set<String> liveIds, IptablesDump d) {
        return deleteChains(staleChains(network, liveIds, d), d);
    }

    /** The chains GC removes (see {@link #gcScript}). */
    static Set<String> staleChains(String network, Set<String> liveIds, IptablesDump d) {
        String prefix = "name: " + GoQuote.quote(network) + " id: ";
        Set<String> stale = new LinkedHashSet<>();
        for (String chain : d.chains()) {
            if (!chain.startsWith("CNI-")) {
                continue;
            }
            for (String rule : d.rulesOf(chain)) {
                String c = IptablesDump.comment(rule).orElse("");
                if (!c.startsWith(prefix)) {
                    continue;
                }
                String quotedId = c.substring(prefix.length());
                if (quotedId.length() < 2 || !quotedId.startsWith("\"") || !quotedId.endsWith("\"")) {
                    continue;
                }
                String containerId = quotedId.substring(1, quotedId.length() - 1);
                AttachmentRuleId owner = new AttachmentRuleId(network, containerId, "");
                if (owner.iptablesChain().equals(chain) && !liveIds.contains(containerId)) {
                    stale.add(chain);
                }
            }
        }
        return stale;
    }

    private static String deleteChains(Set<String> chains, IptablesDump d) {
        StringBuilder body = new StringBuilder();
        for (String chain : chains) {
            List<String> jumps = d.jumps("POSTROUTING", chain);
            if (jumps.isEmpty() && !d.chains().contains(chain)) {
                continue;
            }
            for (String j : jumps) {
                body.append("-D").append(j.substring(2)).append('\n');
            }
            // Declaring the chain creates or flushes it, so the delete below cannot fail on either.
            body.append(':').append(chain).append(" - [0:0]\n-X ").append(chain).append('\n');
        }
        return body.isEmpty() ? "" : "*nat\n" + body + "COMMIT\n";
    }

    /**
     * iptables-nft, when its nat table and POSTROUTING already exist for every family ADD has
     * addresses of: the rules {@link #addScript} would restore, written as iptables-nft writes them
     * ({@link XtExpressions} for the comment and MASQUERADE), both families in one transaction.
     * Returns false (nothing written) when a table or POSTROUTING is missing: creating them is left
     * to iptables-restore, which makes them exactly as iptables-nft wants them.
     */
    private boolean addOverNetlink(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException {
        String what = "add masquerade rules for " + id.containerId();
        String chain = id.iptablesChain();
        String comment = id.iptablesComment();
        NftTransaction tx = new NftTransaction();
        try (Nftables nft = Nftables.open(hostNs)) {
            for (Family f : Family.values()) {
                List<IpPrefix> mine = addresses.stream().filter(a -> Family.of(a) == f).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                if (nft.findChain(f.nft, IptablesNftTable.TABLE, IptablesNftTable.POSTROUTING).isEmpty()) {
                    return false;
                }
                tx.createChain(NftChain.regular(f.nft, IptablesNftTable.TABLE, chain))
                        .flushChain(f.nft, IptablesNftTable.TABLE, chain);
                // The order of expectedRules: each subnet's ACCEPT when new, one MASQUERADE after the first.
                IpPrefix multicast = IpPrefix.parse(f.multicast);
                Set<IpPrefix> subnets = new LinkedHashSet<>();
                for (IpPrefix a : mine) {
                    IpPrefix s = a.subnet();
                    if (subnets.add(s)) {
                        tx.addRule(rule(f, chain).destinationIn(s.address(), s.prefixLength())
                                .expression(XtExpressions.comment(comment)).counter().accept().build());
                    }
                    if (a == mine.getFirst()) {
                        for (IpPrefix e : exempt(f, exempt)) {
                            tx.addRule(rule(f, chain).destinationIn(e.address(), e.prefixLength())
                                    .expression(XtExpressions.comment(comment)).counter().accept().build());
                        }
                        tx.addRule(rule(f, chain).destinationNotIn(multicast.address(), multicast.prefixLength())
                                .expression(XtExpressions.comment(comment)).counter()
                                .expression(XtExpressions.masquerade(f.nft)).build());
                    }
                }
                for (IpPrefix a : mine.stream().map(a -> IpPrefix.host(a.address())).distinct().toList()) {
                    tx.addRule(rule(f, IptablesNftTable.POSTROUTING).sourceAddress(a.address())
                            .expression(XtExpressions.comment(comment)).counter().jump(chain).build());
                }
            }
            // The socket that read the tables commits (one socket per call, one release to wait for).
            NftChanges.apply(nft, what, tx);
        } catch (NetlinkException e) {
            throw KernelCall.refused(what + ": read the iptables-nft nat tables", e);
        }
        return true;
    }

    private static List<IpPrefix> exempt(Family f, List<IpPrefix> exempt) {
        return exempt.stream().filter(e -> Family.of(e) == f).toList();
    }

    private static NftRuleBuilder rule(Family f, String chain) {
        return new NftRuleBuilder(f.nft, IptablesNftTable.TABLE, chain);
    }

    /**
     * iptables-nft: reads both families' nat tables (the chains {@code select} accepts), and
     * deletes the chains {@code doomed} picks from each, with their POSTROUTING jumps, in one
     * transaction; nothing is sent when there is nothing to delete.
     */
    private void deleteOverNetlink(Predicate<String> select, Function<IptablesDump, Set<String>> doomed, String what)
            throws CniException {
        NftTransaction tx = new NftTransaction();
        try (Nftables nft = Nftables.open(hostNs)) {
            for (Family f : Family.values()) {
                IptablesNftTable t = IptablesNftTable.read(nft, f.nft, select);
                t.deleteChains(doomed.apply(t.dump()), tx);
            }
            NftChanges.apply(nft, what, tx); // an empty transaction sends nothing
        } catch (NetlinkException e) {
            throw KernelCall.refused(what + ": read the iptables-nft nat tables", e);
        }
    }

    private IptablesDump readOverNetlink(Family f, Predicate<String> select) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            return IptablesNftTable.read(nft, f.nft, select).dump();
        } catch (NetlinkException e) {
            throw KernelCall.refused("read table " + f.nft.nftName() + " nat", e);
        }
    }

    private static CniException differs(String msg, String details) {
        return new CniException(HostErrors.STATE_DIFFERS, msg, details, null);
    }
}
