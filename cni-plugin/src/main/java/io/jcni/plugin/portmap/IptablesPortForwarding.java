package io.jcni.plugin.portmap;

import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.IptablesDump;
import io.jcni.plugin.rules.IptablesNftTable;
import io.jcni.plugin.rules.IptablesTool;
import io.jcni.plugin.rules.IptablesTool.Family;
import io.jcni.plugin.rules.XtablesVariant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The iptables backend with the reference's chains, rules and comments
 * ({@link IptablesPortmapRules}). Each change is one {@code iptables-restore --noflush} per
 * address family, after one {@code iptables-save -t nat} that tells which shared chains and
 * jumps exist already (declaring a chain in restore input flushes it, so only missing shared
 * chains are declared, and shared rules are added only when absent, like the reference's
 * insert-unique). The pod chain itself is declared, which creates or flushes it, so a repeated
 * ADD rewrites it instead of stacking rules. Missing shared chains are made with {@code -N}, which
 * fails rather than flushes when a concurrent ADD made them first; ADD then reads again and retries.
 */
final class IptablesPortForwarding implements PortForwarding {
    private static final String NAT = "nat";

    private final IptablesTool tool;
    private final NetNamespace hostNs;
    private final XtablesVariant variant;

    /** @param tools runs the iptables tools in the host namespace {@code hostNs} */
    IptablesPortForwarding(HostTools tools, NetNamespace hostNs) {
        this(tools, hostNs, XtablesVariant.of(Family.V4.restore));
    }

    IptablesPortForwarding(HostTools tools, NetNamespace hostNs, XtablesVariant variant) {
        this.tool = new IptablesTool(tools);
        this.hostNs = hostNs;
        this.variant = variant;
    }

    static boolean available() {
        return IptablesTool.installed(Family.V4);
    }

    /** ADDs racing to create the shared chains: the loser's restore fails and it tries again. */
    private static final int ADD_ATTEMPTS = 3;

    @Override
    public void add(PortmapConfig cfg, String containerId, IpPrefix pod) throws CniException {
        Family f = Family.of(pod.isIpv4());
        for (int attempt = 1; ; attempt++) {
            String script = addScript(cfg, containerId, pod, tool.dump(f, NAT));
            try {
                tool.restore(f, script, "add port forwarding for " + containerId);
                return;
            } catch (CniException e) {
                if (attempt == ADD_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The restore input for ADD given the current nat table. */
    static String addScript(PortmapConfig cfg, String containerId, IpPrefix pod, IptablesDump d) {
        StringBuilder sb = new StringBuilder("*nat\n");
        if (cfg.snat() && cfg.externalSetMarkChain().isEmpty()) {
            ensureChain(sb, d, IptablesPortmapRules.SETMARK_CHAIN);
            appendIfMissing(sb, d, IptablesPortmapRules.setMarkRule(cfg), false);
            ensureChain(sb, d, IptablesPortmapRules.MASQ_CHAIN);
            appendIfMissing(sb, d, IptablesPortmapRules.masqRule(cfg), false);
            appendIfMissing(sb, d, IptablesPortmapRules.masqJump(), true);
        }
        ensureChain(sb, d, IptablesPortmapRules.DNAT_CHAIN);
        for (IptablesRule r : IptablesPortmapRules.topLevelJumps()) {
            appendIfMissing(sb, d, r, false);
        }
        String chain = IptablesPortmapRules.dnatChain(cfg.network(), containerId);
        // An earlier ADD's entries may name other ports: drop them, the ones below replace them.
        for (String old : d.jumps(IptablesPortmapRules.DNAT_CHAIN, chain)) {
            sb.append("-D").append(old.substring(2)).append('\n');
        }
        sb.append(':').append(chain).append(" - [0:0]\n");
        for (IptablesRule r : IptablesPortmapRules.podRules(cfg, containerId, pod)) {
            sb.append(r.append()).append('\n');
        }
        for (IptablesRule r : IptablesPortmapRules.dnatEntries(cfg, containerId, pod)) {
            sb.append(r.append()).append('\n');
        }
        return sb.append("COMMIT\n").toString();
    }

    /**
     * {@code -N}, not a declaration: declaring flushes, so two first ADDs racing would wipe each
     * other's entries; with {@code -N} the second restore fails instead, and {@link #add} retries.
     */
    private static void ensureChain(StringBuilder sb, IptablesDump d, String chain) {
        if (!d.chains().contains(chain)) {
            sb.append("-N ").append(chain).append('\n');
        }
    }

    private static void appendIfMissing(StringBuilder sb, IptablesDump d, IptablesRule r, boolean first) {
        if (!d.rules().contains(r.saved().orElseThrow())) {
            sb.append(first ? r.insertFirst() : r.append()).append('\n');
        }
    }

    /**
     * With iptables-nft the pod chain and its entries are found and deleted over netlink in one
     * nf_tables transaction (no process); with iptables-legacy by save and restore per family.
     */
    @Override
    public void del(String network, String containerId) throws CniException {
        Map<String, String> doomed = Map.of(IptablesPortmapRules.dnatChain(network, containerId),
                IptablesPortmapRules.DNAT_CHAIN, IptablesPortmapRules.oldSnatChain(network, containerId),
                IptablesPortmapRules.OLD_SNAT_CHAIN);
        if (variant == XtablesVariant.NFT) {
            String what = "delete port forwarding of " + containerId;
            try (Nftables nft = Nftables.open(hostNs)) {
                NftTransaction tx = new NftTransaction();
                for (NftFamily f : List.of(NftFamily.IP, NftFamily.IP6)) {
                    IptablesNftTable.removeChains(nft, f, doomed, tx);
                }
                if (!tx.isEmpty()) {
                    nft.apply(what, tx);
                }
            } catch (NetlinkException e) {
                throw KernelCall.refused(what, e);
            }
            return;
        }
        List<CniException> failures = new ArrayList<>();
        int usable = 0;
        for (Family f : Family.values()) {
            if (!IptablesTool.installed(f)) {
                continue; // no tool, so nobody wrote rules with it
            }
            IptablesDump d;
            try {
                d = tool.dump(f, NAT);
            } catch (CniException e) {
                failures.add(e); // like the reference: a family whose nat table is unusable is skipped
                continue;
            }
            usable++;
            String script = delScript(doomed, d);
            if (!script.isEmpty()) {
                tool.restore(f, script, "delete port forwarding of " + containerId);
            }
        }
        if (usable == 0 && !failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    /** Restore input removing each chain (key) and the jumps to it from its entry chain (value); empty if none exists. */
    static String delScript(Map<String, String> chainToEntry, IptablesDump d) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : chainToEntry.entrySet()) {
            String chain = e.getKey();
            List<String> jumps = d.jumps(e.getValue(), chain);
            for (String j : jumps) {
                body.append("-D").append(j.substring(2)).append('\n');
            }
            if (d.chains().contains(chain)) {
                // Declaring flushes it, so the delete cannot fail on leftover rules.
                body.append(':').append(chain).append(" - [0:0]\n-X ").append(chain).append('\n');
            }
        }
        return body.isEmpty() ? "" : "*nat\n" + body + "COMMIT\n";
    }

    @Override
    public void check(PortmapConfig cfg, String containerId, IpPrefix pod) throws CniException {
        Family f = Family.of(pod.isIpv4());
        IptablesDump d = tool.dump(f, NAT);
        String chain = IptablesPortmapRules.dnatChain(cfg.network(), containerId);
        if (!d.chains().contains(chain)) {
            throw differs("chain " + chain + " is missing from " + f.save + " table nat");
        }
        List<String> rules = d.rulesOf(chain);
        for (IptablesRule r : IptablesPortmapRules.podRules(cfg, containerId, pod)) {
            if (!rules.contains(r.saved().orElseThrow())) {
                throw differs("rule missing from table nat: " + r.saved().get());
            }
        }
        List<String> entries = d.jumps(IptablesPortmapRules.DNAT_CHAIN, chain);
        for (IptablesRule r : IptablesPortmapRules.dnatEntries(cfg, containerId, pod)) {
            if (r.saved().isPresent() ? !entries.contains(r.saved().get()) : entries.stream().noneMatch(e ->
                    e.contains(" --dports " + r.args().get(r.args().indexOf("--destination-ports") + 1) + " ")
                            && IptablesPortmapRules.commentedContainer(e, cfg.network()).equals(Optional.of(containerId)))) {
                throw differs("rule missing from table nat: " + r.saved().orElse(r.append()));
            }
        }
        for (IptablesRule r : IptablesPortmapRules.topLevelJumps()) {
            if (!d.rules().contains(r.saved().orElseThrow())) {
                throw differs("rule missing from table nat: " + r.saved().get());
            }
        }
    }

    @Override
    public void gc(String network, Set<String> liveContainerIds) throws CniException {
        for (Family f : Family.values()) {
            if (!IptablesTool.installed(f)) {
                continue;
            }
            IptablesDump d = tool.dump(f, NAT);
            Map<String, String> stale = new java.util.LinkedHashMap<>();
            IptablesPortmapRules.podChainsOf(network, d).forEach((chain, id) -> {
                if (!liveContainerIds.contains(id)) {
                    stale.put(chain, IptablesPortmapRules.DNAT_CHAIN);
                }
            });
            String script = delScript(stale, d);
            if (!script.isEmpty()) {
                tool.restore(f, script, "remove stale port forwarding of network " + network);
            }
        }
    }

    private static CniException differs(String msg) {
        return new CniException(HostErrors.STATE_DIFFERS, "portmap: " + msg, "", null);
    }
}
