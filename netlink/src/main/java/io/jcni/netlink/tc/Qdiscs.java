package io.jcni.netlink.tc;

import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtnetlinkConstants;
import io.jcni.netlink.wire.TcConstants;
import io.jcni.netlink.wire.TcMsg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Qdisc operations of one rtnetlink handle ({@code tc qdisc add/replace/del/show}). */
public final class Qdiscs {
    /** struct tc_ratespec is 12 bytes; struct tc_tbf_qopt holds two of them and three u32. */
    private static final int RATESPEC_LENGTH = 12;

    private final NetlinkSocket socket;

    public Qdiscs(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Adds the qdisc; EEXIST if that parent already has one. */
    public void add(Qdisc q) {
        socket.execute("add qdisc", q.describe(), changeMessage(q, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL));
    }

    /** Adds the qdisc or replaces the one at its parent. */
    public void replace(Qdisc q) {
        socket.execute("replace qdisc", q.describe(), changeMessage(q, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_REPLACE));
    }

    /** Deletes the qdisc at the given parent of the link; ENOENT or EINVAL if there is none of that kind there. */
    public void delete(Qdisc q) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_DELQDISC, 0);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, q.linkIndex(), q.handle(), q.parent(), 0).writeTo(w);
        socket.execute("delete qdisc", q.describe(), w);
    }

    /** Every qdisc of the link, the kernel's defaults included. */
    public List<Qdisc> list(int linkIndex) {
        return list().stream().filter(q -> q.linkIndex() == linkIndex).toList();
    }

    /** Every qdisc of the namespace. */
    public List<Qdisc> list() {
        MessageWriter w = new MessageWriter(TcConstants.RTM_GETQDISC, 0);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
        List<Qdisc> out = new ArrayList<>();
        for (Message m : socket.dump("list qdiscs", "", w)) {
            out.add(parse(m));
        }
        return out;
    }

    static MessageWriter changeMessage(Qdisc q, int flags) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_NEWQDISC, flags);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, q.linkIndex(), q.handle(), q.parent(), 0).writeTo(w);
        w.attrString(TcConstants.TCA_KIND, q.kind());
        q.tbf().ifPresent(t -> w.nested(TcConstants.TCA_OPTIONS, o -> {
            o.attr(TcConstants.TCA_TBF_PARMS, tbfParameters(t));
            if (t.rate() >= 1L << 32) {
                o.attrU64(TcConstants.TCA_TBF_RATE64, t.rate());
            }
        }));
        q.htb().ifPresent(h -> w.nested(TcConstants.TCA_OPTIONS, o -> o.attr(TcConstants.TCA_HTB_INIT, htbParameters(h))));
        return w;
    }

    /** struct tc_tbf_qopt: rate, an unused peak rate, limit, buffer, mtu. No rate table: the kernel computes its own. */
    private static byte[] tbfParameters(Tbf t) {
        ByteBuffer b = ByteBuffer.allocate(2 * RATESPEC_LENGTH + 12).order(ByteOrder.nativeOrder());
        b.position(8).putInt((int) Math.min(t.rate(), 0xFFFFFFFFL));
        b.position(2 * RATESPEC_LENGTH).putInt(t.limit()).putInt(t.buffer()).putInt(0);
        return b.array();
    }

    /** struct tc_htb_glob: version, rate2quantum, defcls, debug, direct_pkts. */
    private static byte[] htbParameters(Htb h) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(h.version()).putInt(h.rate2quantum()).putInt(h.defaultClass());
        return b.array();
    }

    /** Decodes an RTM_NEWQDISC message, with the tbf parameters of a tbf. */
    public static Qdisc parse(Message m) {
        if (m.type() != TcConstants.RTM_NEWQDISC) {
            throw new NetlinkParseException("expected RTM_NEWQDISC, got message type " + m.type());
        }
        Cursor c = m.body();
        TcMsg hdr = TcMsg.read(c);
        Attributes a = c.attributes();
        String kind = a.require(TcConstants.TCA_KIND, "TCA_KIND").string();
        Optional<QdiscParameters> parameters = Optional.empty();
        if (kind.equals("htb")) {
            Cursor p = a.require(TcConstants.TCA_OPTIONS, "TCA_OPTIONS").nested()
                    .require(TcConstants.TCA_HTB_INIT, "TCA_HTB_INIT").cursor();
            // Requests carry the major version (3), dumps the kernel's HTB_VER (3 << 16 | minor).
            int version = p.s32("tc_htb_glob.version");
            version = version > 0xFFFF ? version >>> 16 : version;
            int rate2quantum = p.s32("tc_htb_glob.rate2quantum");
            parameters = Optional.of(new Htb(p.s32("tc_htb_glob.defcls"), rate2quantum, version));
        }
        if (kind.equals("tbf")) {
            Attributes o = a.require(TcConstants.TCA_OPTIONS, "TCA_OPTIONS").nested();
            Cursor p = o.require(TcConstants.TCA_TBF_PARMS, "TCA_TBF_PARMS").cursor();
            p.skip(8, "tc_tbf_qopt.rate");
            long rate = Integer.toUnsignedLong(p.s32("tc_tbf_qopt.rate.rate"));
            p.skip(RATESPEC_LENGTH, "tc_tbf_qopt.peakrate");
            int limit = p.s32("tc_tbf_qopt.limit");
            int buffer = p.s32("tc_tbf_qopt.buffer");
            Optional<Attribute> rate64 = o.get(TcConstants.TCA_TBF_RATE64);
            if (rate64.isPresent()) {
                rate = rate64.get().u64();
            }
            parameters = Optional.of(new Tbf(rate, buffer, limit));
        }
        return new Qdisc(hdr.ifindex(), hdr.handle(), hdr.parent(), kind, parameters);
    }
}
