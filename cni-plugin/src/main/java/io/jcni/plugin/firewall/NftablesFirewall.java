package io.jcni.plugin.firewall;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.ValidAttachment;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftChain;
import io.jcni.netlink.nftables.NftChainType;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftHook;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftRuleBuilder;
import io.jcni.netlink.nftables.NftTable;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.rules.AttachmentRuleId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The nftables backend, through our nf_tables netlink client (no process). The reference v1.1.1
 * has none, so the layout is ours (docs/firewall.md): table {@code inet cni_plugins_firewall} with
 * <ul>
 * <li>{@code forward}: filter hook forward, priority filter, policy accept; rewritten on every ADD
 * to {@code jump isolation_stage_1}, {@code jump admin}, {@code jump pods};</li>
 * <li>{@code isolation_stage_1} / {@code isolation_stage_2}: {@code ingressPolicy: same-bridge}
 * as the reference's iptables chains of the same names, one rule per bridge in each
 * ({@link NftSameBridgeIsolation}); empty while no network uses the policy;</li>
 * <li>{@code admin}: empty, for the administrator's own rules (never flushed by the plugin);</li>
 * <li>{@code pods}: per pod address {@code ip daddr IP ct state established,related accept} and
 * {@code ip saddr IP accept}, each with the comment {@link AttachmentRuleId#nftComment()} of
 * (network, container ID, ifname), by which DEL (even without prevResult) and GC find them.</li>
 * </ul>
 * Each verb is one nf_tables transaction.
 */
final class NftablesFirewall implements FirewallRules {
    static final String TABLE = "cni_plugins_firewall";
    static final String FORWARD = "forward";
    static final String ADMIN = "admin";
    static final String PODS = "pods";
    private static final NftFamily INET = NftFamily.INET;
    /** NF_IP_PRI_FILTER, which nft calls filter. */
    private static final int FILTER_PRIORITY = 0;

    private final NetNamespace hostNs;

    NftablesFirewall(NetNamespace hostNs) {
        this.hostNs = hostNs;
    }

    static AttachmentRuleId id(PodAddresses pod) {
        return new AttachmentRuleId(pod.network(), pod.containerId(), pod.ifname());
    }

    /** The pod's rules in chain pods: per address, the inbound (ct state) rule then the outbound one. */
    static List<NftRule> podRules(AttachmentRuleId id, List<IpPrefix> addresses) {
        List<NftRule> rules = new ArrayList<>();
        for (IpPrefix a : addresses) {
            NftRuleBuilder in = new NftRuleBuilder(INET, TABLE, PODS).destinationAddress(a.address());
            NftCtState.establishedOrRelated().forEach(in::expression);
            rules.add(in.accept().comment(id.nftComment()).build());
            rules.add(new NftRuleBuilder(INET, TABLE, PODS).sourceAddress(a.address()).accept().comment(id.nftComment()).build());
        }
        return rules;
    }

    @Override
    public void add(PodAddresses pod, FirewallConfig cfg) throws CniException {
        if (pod.addresses().isEmpty()) {
            return;
        }
        String what = "add firewall rules for " + pod.containerId();
        try (Nftables nft = Nftables.open(hostNs)) {
            NftTransaction tx = new NftTransaction()
                    .createTable(NftTable.of(INET, TABLE).withComment("CNI firewall plugin rules"))
                    .createChain(NftChain.regular(INET, TABLE, ADMIN).withComment("CNI firewall plugin admin overrides"))
                    .createChain(NftChain.regular(INET, TABLE, PODS))
                    .createChain(NftChain.regular(INET, TABLE, NftSameBridgeIsolation.STAGE_1))
                    .createChain(NftChain.regular(INET, TABLE, NftSameBridgeIsolation.STAGE_2))
                    .createChain(NftChain.base(INET, TABLE, FORWARD, NftChainType.FILTER, NftHook.FORWARD, FILTER_PRIORITY))
                    .flushChain(INET, TABLE, FORWARD)
                    .addRule(new NftRuleBuilder(INET, TABLE, FORWARD).jump(NftSameBridgeIsolation.STAGE_1).build())
                    .addRule(new NftRuleBuilder(INET, TABLE, FORWARD).jump(ADMIN).build())
                    .addRule(new NftRuleBuilder(INET, TABLE, FORWARD).jump(PODS).build());
            addMissing(tx, rules(nft, PODS), podRules(id(pod), pod.addresses()));
            if (cfg.ingressPolicy() == IngressPolicy.SAME_BRIDGE) {
                String bridge = pod.bridge().orElseThrow();
                addMissing(tx, rules(nft, NftSameBridgeIsolation.STAGE_1), List.of(NftSameBridgeIsolation.stage1(bridge)));
                addMissing(tx, rules(nft, NftSameBridgeIsolation.STAGE_2), List.of(NftSameBridgeIsolation.stage2(bridge)));
            }
            nft.apply(what, tx);
        } catch (NetlinkException e) {
            throw new CniException(HostErrors.CHANGE_REFUSED, what + ": " + e.getMessage(), "", e);
        }
    }

    private static void addMissing(NftTransaction tx, List<NftRule> present, List<NftRule> wanted) {
        for (NftRule r : wanted) {
            if (present.stream().noneMatch(p -> same(p, r))) {
                tx.addRule(r);
            }
        }
    }

    @Override
    public void del(PodAddresses pod, FirewallConfig cfg) throws CniException {
        String mine = id(pod).nftComment();
        deleteRules(mine::equals, "delete firewall rules for " + pod.containerId());
    }

    @Override
    public void check(PodAddresses pod, FirewallConfig cfg) throws CniException {
        if (pod.addresses().isEmpty()) {
            return;
        }
        List<NftRule> forward = rules(FORWARD);
        for (String chain : List.of(ADMIN, PODS)) {
            NftRule jump = new NftRuleBuilder(INET, TABLE, FORWARD).jump(chain).build();
            if (forward.stream().noneMatch(r -> same(r, jump))) {
                throw differs("no rule in inet " + TABLE + " " + FORWARD + " jumps to " + chain);
            }
        }
        List<NftRule> present = rules(PODS);
        List<NftRule> wanted = podRules(id(pod), pod.addresses());
        for (int i = 0; i < wanted.size(); i++) {
            NftRule want = wanted.get(i);
            if (present.stream().noneMatch(p -> same(p, want))) {
                IpPrefix a = pod.addresses().get(i / 2);
                String match = (a.isIpv4() ? "ip " : "ip6 ") + (i % 2 == 0 ? "daddr " : "saddr ") + IpText.format(a.address())
                        + (i % 2 == 0 ? " ct state established,related" : "");
                throw differs("rule missing from inet " + TABLE + " " + PODS + ": " + match + " accept comment \""
                        + want.comment().orElse("") + "\"");
            }
        }
    }

    @Override
    public void gc(String network, Set<ValidAttachment> valid) throws CniException {
        Set<String> keep = valid.stream().map(a -> new AttachmentRuleId(network, a.containerId(), a.ifname()).nftComment())
                .collect(Collectors.toSet());
        String networkPrefix = AttachmentRuleId.nftNetworkHash(network) + "-";
        deleteRules(c -> c.startsWith(networkPrefix) && !keep.contains(c), "remove stale firewall rules of network " + network);
    }

    static boolean same(NftRule a, NftRule b) {
        return a.expressions().equals(b.expressions()) && a.comment().equals(b.comment());
    }

    /** The rules of one of our chains; none when the table or chain does not exist. */
    private List<NftRule> rules(String chain) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            return rules(nft, chain);
        } catch (NetlinkException e) {
            throw new CniException(HostErrors.CHANGE_REFUSED, "list inet " + TABLE + " " + chain + ": " + e.getMessage(), "", e);
        }
    }

    private static List<NftRule> rules(Nftables nft, String chain) {
        if (nft.findTable(INET, TABLE).isEmpty() || nft.findChain(INET, TABLE, chain).isEmpty()) {
            return List.of();
        }
        return nft.listRules(INET, TABLE, chain);
    }

    private void deleteRules(Predicate<String> byComment, String what) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            NftTransaction tx = new NftTransaction();
            for (NftRule r : rules(nft, PODS)) {
                if (r.comment().filter(byComment).isPresent()) {
                    tx.deleteRule(r);
                }
            }
            if (!tx.isEmpty()) {
                nft.apply(what, tx);
            }
        } catch (NetlinkException e) {
            throw new CniException(HostErrors.CHANGE_REFUSED, what + ": " + e.getMessage(), "", e);
        }
    }

    private static CniException differs(String what) {
        return new CniException(HostErrors.STATE_DIFFERS, "firewall: " + what);
    }
}
