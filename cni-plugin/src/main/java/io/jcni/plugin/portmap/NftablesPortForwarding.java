package io.jcni.plugin.portmap;

import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftChain;
import io.jcni.netlink.nftables.NftChainType;
import io.jcni.netlink.nftables.NftCmp;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftHook;
import io.jcni.netlink.nftables.NftImmediate;
import io.jcni.netlink.nftables.NftMeta;
import io.jcni.netlink.nftables.NftOtherExpression;
import io.jcni.netlink.nftables.NftPayload;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftRuleBuilder;
import io.jcni.netlink.nftables.NftTable;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.NftValue;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nftables backend as the reference v1.x writes it, through our nf_tables netlink client (no
 * {@code nft} process): per family a table {@code ip|ip6 cni_hostport} (comment "CNI portmap
 * plugin") with regular chains {@code hostports} and {@code hostip_hostports}, base chains
 * {@code prerouting} (nat, dstnat) and {@code output} (nat, -100) that jump there (output only for
 * local destinations, {@code fib daddr type local}), and with snat {@code masquerading} (nat
 * postrouting, srcnat). Each mapping is a rule {@code [ip daddr HOSTIP] PROTO dport P dnat to
 * POD:PORT}; hairpin and (IPv4) localhost traffic is {@code ip saddr X ip daddr POD masquerade};
 * every pod rule carries the container ID as its comment, which is how DEL finds them (so either
 * implementation deletes the other's). A repeated ADD replaces the pod's rules instead of adding
 * a second copy. {@code conditionsV4/V6} (nft rule text) are refused at config time.
 */
final class NftablesPortForwarding implements PortForwarding {
    static final String TABLE = "cni_hostport";
    static final String HOSTPORTS = "hostports";
    static final String HOSTIP_HOSTPORTS = "hostip_hostports";
    static final String PREROUTING = "prerouting";
    static final String OUTPUT = "output";
    static final String MASQUERADING = "masquerading";
    static final String TABLE_COMMENT = "CNI portmap plugin";
    /** NF_IP_PRI_NAT_DST (dstnat) and NF_IP_PRI_NAT_SRC (srcnat). */
    static final int DSTNAT = -100;
    static final int SRCNAT = 100;
    private static final int REG_2 = 2;
    /** RTN_LOCAL, as {@code fib daddr type local} compares it (u32, host order). */
    private static final int RTN_LOCAL = 2;
    private static final List<String> POD_CHAINS = List.of(HOSTPORTS, HOSTIP_HOSTPORTS, MASQUERADING);

    private final NetNamespace hostNs;

    NftablesPortForwarding(NetNamespace hostNs) {
        this.hostNs = hostNs;
    }

    @Override
    public void add(PortmapConfig cfg, String containerId, IpPrefix pod) throws CniException {
        NftFamily f = pod.isIpv4() ? NftFamily.IP : NftFamily.IP6;
        apply("add port forwarding for " + containerId, nft -> {
            NftTransaction tx = skeleton(f, cfg.snat());
            for (NftRule old : podRules(nft, f, containerId)) {
                tx.deleteRule(old);
            }
            expectedRules(cfg, containerId, pod).forEach(tx::addRule);
            return tx;
        });
    }

    /** Table and chains (kept when present), the entry chains flushed and their jumps written again. */
    static NftTransaction skeleton(NftFamily f, boolean snat) {
        NftTransaction tx = new NftTransaction()
                .createTable(NftTable.of(f, TABLE).withComment(TABLE_COMMENT))
                .createChain(NftChain.regular(f, TABLE, HOSTPORTS))
                .createChain(NftChain.regular(f, TABLE, HOSTIP_HOSTPORTS))
                .createChain(NftChain.base(f, TABLE, PREROUTING, NftChainType.NAT, NftHook.PREROUTING, DSTNAT))
                .flushChain(f, TABLE, PREROUTING)
                .addRule(new NftRuleBuilder(f, TABLE, PREROUTING).jump(HOSTIP_HOSTPORTS).build())
                .addRule(new NftRuleBuilder(f, TABLE, PREROUTING).jump(HOSTPORTS).build())
                .createChain(NftChain.base(f, TABLE, OUTPUT, NftChainType.NAT, NftHook.OUTPUT, DSTNAT))
                .flushChain(f, TABLE, OUTPUT)
                .addRule(new NftRuleBuilder(f, TABLE, OUTPUT).jump(HOSTIP_HOSTPORTS).build())
                .addRule(new NftRuleBuilder(f, TABLE, OUTPUT)
                        .expression(NftRawExpressions.fibDaddrType(NftExpression.REG_1))
                        .expression(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, u32(RTN_LOCAL)))
                        .jump(HOSTPORTS).build());
        if (snat) {
            tx.createChain(NftChain.base(f, TABLE, MASQUERADING, NftChainType.NAT, NftHook.POSTROUTING, SRCNAT));
        }
        return tx;
    }

    /** The pod's rules for the mappings of its family, in the reference's order. */
    static List<NftRule> expectedRules(PortmapConfig cfg, String containerId, IpPrefix pod) {
        boolean v6 = !pod.isIpv4();
        NftFamily f = v6 ? NftFamily.IP6 : NftFamily.IP;
        List<NftRule> out = new ArrayList<>();
        for (PortMapping m : cfg.mappings()) {
            if (!m.appliesTo(v6)) {
                continue;
            }
            Optional<InetAddress> dst = m.destination();
            NftRuleBuilder b = new NftRuleBuilder(f, TABLE, dst.isPresent() ? HOSTIP_HOSTPORTS : HOSTPORTS);
            dst.ifPresent(b::destinationAddress);
            b.expression(new NftMeta(NftMeta.KEY_L4PROTO, NftExpression.REG_1))
                    .expression(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, NftValue.of((byte) m.protocol().number())))
                    .expression(new NftPayload(NftPayload.Base.TRANSPORT, 2, 2, NftExpression.REG_1))
                    .expression(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, be16(m.hostPort())))
                    .expression(new NftImmediate(NftExpression.REG_1, NftValue.of(pod.address().getAddress())))
                    .expression(new NftImmediate(REG_2, be16(m.containerPort())))
                    .expression(NftRawExpressions.dnat(v6 ? 10 : 2, NftExpression.REG_1, REG_2));
            out.add(b.comment(containerId).build());
        }
        if (cfg.snat()) {
            out.add(new NftRuleBuilder(f, TABLE, MASQUERADING).sourceAddress(pod.address())
                    .destinationAddress(pod.address()).masquerade().comment(containerId).build());
            if (!v6) {
                out.add(new NftRuleBuilder(f, TABLE, MASQUERADING).sourceAddress(IpText.parse("127.0.0.1"))
                        .destinationAddress(pod.address()).masquerade().comment(containerId).build());
            }
        }
        return out;
    }

    @Override
    public void del(String network, String containerId) throws CniException {
        for (NftFamily f : List.of(NftFamily.IP, NftFamily.IP6)) {
            apply("delete port forwarding of " + containerId, nft -> {
                NftTransaction tx = new NftTransaction();
                podRules(nft, f, containerId).forEach(tx::deleteRule);
                return tx;
            });
        }
    }

    @Override
    public void check(PortmapConfig cfg, String containerId, IpPrefix pod) throws CniException {
        NftFamily f = pod.isIpv4() ? NftFamily.IP : NftFamily.IP6;
        List<NftRule> present;
        try (Nftables nft = Nftables.open(hostNs)) {
            present = podRules(nft, f, containerId).stream().map(NftablesPortForwarding::comparable).toList();
        } catch (NetlinkException e) {
            throw new CniException(HostErrors.CHANGE_REFUSED, "list table " + f.nftName() + " " + TABLE + ": "
                    + e.getMessage(), "", e);
        }
        for (NftRule want : expectedRules(cfg, containerId, pod)) {
            if (!present.contains(comparable(want))) {
                throw new CniException(HostErrors.STATE_DIFFERS, "portmap: no rule in " + f.nftName() + " " + TABLE
                        + " " + want.chain() + " for " + describe(want) + " with comment \"" + containerId + "\"");
            }
        }
    }

    /**
     * Not done for nftables: the reference's rules carry only the container ID, not the network,
     * so GC of one network cannot tell its pods' rules from another network's. DEL removes them.
     */
    @Override
    public void gc(String network, Set<String> liveContainerIds) {
    }

    /** The rules of the pod chains whose comment is the container ID (both implementations write it so). */
    private static List<NftRule> podRules(Nftables nft, NftFamily f, String containerId) {
        List<NftRule> out = new ArrayList<>();
        if (nft.findTable(f, TABLE).isEmpty()) {
            return out;
        }
        for (String chain : POD_CHAINS) {
            for (NftRule r : nft.listRules(f, TABLE, chain)) {
                if (r.comment().equals(Optional.of(containerId))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** A rule without handle, with raw expressions reduced to their names (the kernel may echo their attributes differently). */
    private static NftRule comparable(NftRule r) {
        List<NftExpression> ex = r.expressions().stream().map(e -> e instanceof NftOtherExpression o
                ? new NftOtherExpression(o.name(), NftValue.of()) : e).toList();
        return new NftRule(r.family(), r.table(), r.chain(), ex, r.comment(), 0);
    }

    private static String describe(NftRule r) {
        return r.chain().equals(MASQUERADING) ? "masquerade" : "a port mapping";
    }

    @FunctionalInterface
    private interface Change {
        NftTransaction build(Nftables nft);
    }

    private void apply(String what, Change change) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            NftTransaction tx = change.build(nft);
            if (!tx.isEmpty()) {
                nft.apply(what, tx);
            }
        } catch (NetlinkException e) {
            throw KernelCall.refused(what, e);
        }
    }

    private static NftValue be16(int v) {
        return NftValue.of((byte) (v >>> 8), (byte) v);
    }

    private static NftValue u32(int v) {
        return NftValue.of(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
    }
}
