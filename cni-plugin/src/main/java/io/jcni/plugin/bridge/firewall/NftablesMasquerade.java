package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.rules.NftChanges;
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

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The nftables backend, through our own nf_tables netlink client, with the reference plugin's
 * objects: table {@code inet cni_plugins_masquerade}, chain {@code postrouting} (nat hook, srcnat
 * priority) returning for multicast and jumping to {@code masq_checks}, where each pod address has
 * a rule {@code ip saddr IP ip daddr != SUBNET masquerade} whose comment starts with
 * {@link AttachmentRuleId#nftInstanceHash()}. Rules are found by that comment, so either plugin
 * deletes the other's. Each change is one nf_tables transaction; no process is started.
 */
public final class NftablesMasquerade implements MasqueradeRules {
    static final String TABLE = "cni_plugins_masquerade";
    static final String CHAIN = "masq_checks";
    static final String POSTROUTING = "postrouting";
    /** NF_IP_PRI_NAT_SRC, which nft calls srcnat. */
    static final int SRCNAT_PRIORITY = 100;
    private static final NftFamily INET = NftFamily.INET;

    private final NetNamespace hostNs;
    private final List<IpPrefix> exempt;

    public NftablesMasquerade(NetNamespace hostNs) {
        this(hostNs, List.of());
    }

    /** @param exempt destinations (beside the pod's subnet) each pod address returns for before its masquerade rule */
    NftablesMasquerade(NetNamespace hostNs, List<IpPrefix> exempt) {
        this.hostNs = hostNs;
        this.exempt = List.copyOf(exempt);
    }

    @Override
    public void add(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException {
        if (!addresses.isEmpty()) {
            NftChanges.apply(hostNs, "add masquerade rules for " + id.containerId(), addTransaction(id, addresses, exempt));
        }
    }

    /** Table and chains (kept if present), postrouting rewritten, one rule per address. */
    static NftTransaction addTransaction(AttachmentRuleId id, List<IpPrefix> addresses, List<IpPrefix> exempt) {
        NftTransaction tx = new NftTransaction()
                .createTable(NftTable.of(INET, TABLE)
                        .withComment("Masquerading for plugins from github.com/containernetworking/plugins"))
                .createChain(NftChain.regular(INET, TABLE, CHAIN)
                        .withComment("Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet"))
                .createChain(NftChain.base(INET, TABLE, POSTROUTING, NftChainType.NAT, NftHook.POSTROUTING, SRCNAT_PRIORITY))
                .flushChain(INET, TABLE, POSTROUTING)
                .addRule(new NftRuleBuilder(INET, TABLE, POSTROUTING)
                        .destinationIn(address(new byte[]{(byte) 224, 0, 0, 0}), 4).returnFromChain().build())
                .addRule(new NftRuleBuilder(INET, TABLE, POSTROUTING)
                        .destinationIn(address(multicast6()), 8).returnFromChain().build())
                .addRule(new NftRuleBuilder(INET, TABLE, POSTROUTING).goTo(CHAIN).build());
        for (IpPrefix a : addresses) {
            for (NftRule r : exemptions(id, a, exempt)) {
                tx.addRule(r);
            }
            tx.addRule(rule(id, a));
        }
        return tx;
    }

    /** {@code ip saddr IP ip daddr EXEMPT return}, one per exempt destination of the address's family. */
    static List<NftRule> exemptions(AttachmentRuleId id, IpPrefix a, List<IpPrefix> exempt) {
        return exempt.stream().filter(e -> e.isIpv4() == a.isIpv4())
                .map(e -> new NftRuleBuilder(INET, TABLE, CHAIN).sourceAddress(a.address())
                        .destinationIn(e.address(), e.prefixLength()).returnFromChain().comment(id.nftComment()).build())
                .toList();
    }

    /** The masq_checks rule for one pod address. */
    static NftRule rule(AttachmentRuleId id, IpPrefix a) {
        IpPrefix subnet = a.subnet();
        NftRuleBuilder b = new NftRuleBuilder(INET, TABLE, CHAIN).sourceAddress(a.address());
        if (subnet.prefixLength() > 0) {
            b.destinationNotIn(subnet.address(), subnet.prefixLength());
        }
        return b.masquerade().comment(id.nftComment()).build();
    }

    @Override
    public void del(AttachmentRuleId id) throws CniException {
        deleteRules(r -> r.startsWith(id.nftInstanceHash()), "delete masquerade rules for " + id.containerId());
    }

    @Override
    public void check(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException {
        List<NftRule> mine = rules().stream().filter(r -> r.comment().orElse("").equals(id.nftComment())).toList();
        for (IpPrefix a : addresses) {
            for (NftRule e : exemptions(id, a, exempt)) {
                if (mine.stream().noneMatch(r -> r.expressions().equals(e.expressions()))) {
                    throw new CniException(HostErrors.STATE_DIFFERS, "masquerade: no rule in inet " + TABLE + " " + CHAIN
                            + " exempts " + IpText.format(a.address()) + " from masquerade (ipMasqExcludeCidrs)"
                            + " with comment \"" + id.nftComment() + "\"");
                }
            }
            NftRule want = rule(id, a);
            if (mine.stream().noneMatch(r -> r.expressions().equals(want.expressions()))) {
                throw new CniException(HostErrors.STATE_DIFFERS, "masquerade: no rule in inet " + TABLE + " " + CHAIN
                        + " masquerades " + IpText.format(a.address()) + " outside "
                        + a.subnet() + " with comment \"" + id.nftComment() + "\"");
            }
        }
    }

    @Override
    public void gc(String network, Set<ValidAttachment> valid) throws CniException {
        Set<String> keep = valid.stream().map(a -> new AttachmentRuleId(network, a.containerId(), a.ifname()).nftComment())
                .collect(Collectors.toSet());
        String networkPrefix = AttachmentRuleId.nftNetworkHash(network) + "-";
        deleteRules(c -> c.startsWith(networkPrefix) && !keep.contains(c), "remove stale masquerade rules of network " + network);
    }

    /** The rules of masq_checks; none when the table or chain does not exist. */
    List<NftRule> rules() throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            return nft.listRules(INET, TABLE, CHAIN);
        } catch (NetlinkException e) {
            throw KernelCall.refused("list inet " + TABLE + " " + CHAIN, e);
        }
    }

    private void deleteRules(Predicate<String> byComment, String what) throws CniException {
        NftTransaction tx = new NftTransaction();
        for (NftRule r : rules()) {
            if (r.comment().filter(byComment).isPresent()) {
                tx.deleteRule(r);
            }
        }
        NftChanges.apply(hostNs, what, tx);
    }

    private static byte[] multicast6() {
        byte[] b = new byte[16];
        b[0] = (byte) 0xff;
        return b;
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
