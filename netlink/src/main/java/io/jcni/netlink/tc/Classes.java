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

/** htb class operations of one rtnetlink handle ({@code tc class add/show}). */
public final class Classes {
    private static final int RATESPEC_LENGTH = 12;
    /** struct tc_htb_opt: two ratespecs, then buffer, cbuffer, quantum, level, prio. */
    private static final int HTB_OPT_LENGTH = 2 * RATESPEC_LENGTH + 20;
    /** The rate table cell size the reference's netlink library computes for its 1600-byte MTU (2^3 bytes). */
    private static final int CELL_LOG = 3;
    private static final int LINKLAYER_ETHERNET = 1;

    private final NetlinkSocket socket;

    public Classes(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Adds the class; EEXIST if it exists. */
    public void add(HtbClass c) {
        socket.execute("add class", c.describe(), addMessage(c));
    }

    /** The htb classes of the link (other kinds are left out). */
    public List<HtbClass> listHtb(int linkIndex) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_GETTCLASS, 0);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, linkIndex, 0, 0, 0).writeTo(w);
        List<HtbClass> out = new ArrayList<>();
        for (Message m : socket.dump("list classes", "ifindex " + linkIndex, w)) {
            parse(m).ifPresent(out::add);
        }
        return out;
    }

    static MessageWriter addMessage(HtbClass c) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_NEWTCLASS, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, c.linkIndex(), c.handle(), c.parent(), 0).writeTo(w);
        w.attrString(TcConstants.TCA_KIND, "htb");
        w.nested(TcConstants.TCA_OPTIONS, o -> {
            ByteBuffer b = ByteBuffer.allocate(HTB_OPT_LENGTH).order(ByteOrder.nativeOrder());
            rateSpec(b, c.rate());
            rateSpec(b, c.ceil());
            b.putInt(c.buffer()).putInt(c.cbuffer());
            o.attr(TcConstants.TCA_HTB_PARMS, b.array());
            if (c.rate() >= 1L << 32) {
                o.attrU64(TcConstants.TCA_HTB_RATE64, c.rate());
            }
            if (c.ceil() >= 1L << 32) {
                o.attrU64(TcConstants.TCA_HTB_CEIL64, c.ceil());
            }
        });
        return w;
    }

    /** struct tc_ratespec: cell_log, linklayer, overhead, cell_align, mpu, rate (saturated to 32 bits). */
    private static void rateSpec(ByteBuffer b, long rate) {
        b.put((byte) CELL_LOG).put((byte) LINKLAYER_ETHERNET).putShort((short) 0).putShort((short) -1).putShort((short) 0)
                .putInt((int) Math.min(rate, 0xFFFFFFFFL));
    }

    /** Decodes an RTM_NEWTCLASS message; empty for kinds other than htb. */
    public static Optional<HtbClass> parse(Message m) {
        if (m.type() != TcConstants.RTM_NEWTCLASS) {
            throw new NetlinkParseException("expected RTM_NEWTCLASS, got message type " + m.type());
        }
        Cursor c = m.body();
        TcMsg hdr = TcMsg.read(c);
        Attributes a = c.attributes();
        if (!a.get(TcConstants.TCA_KIND).map(Attribute::string).equals(Optional.of("htb"))) {
            return Optional.empty();
        }
        Attributes o = a.require(TcConstants.TCA_OPTIONS, "TCA_OPTIONS").nested();
        Cursor p = o.require(TcConstants.TCA_HTB_PARMS, "TCA_HTB_PARMS").cursor();
        p.skip(8, "tc_htb_opt.rate");
        long rate = Integer.toUnsignedLong(p.s32("tc_htb_opt.rate.rate"));
        p.skip(8, "tc_htb_opt.ceil");
        long ceil = Integer.toUnsignedLong(p.s32("tc_htb_opt.ceil.rate"));
        int buffer = p.s32("tc_htb_opt.buffer");
        int cbuffer = p.s32("tc_htb_opt.cbuffer");
        rate = o.get(TcConstants.TCA_HTB_RATE64).map(Attribute::u64).orElse(rate);
        ceil = o.get(TcConstants.TCA_HTB_CEIL64).map(Attribute::u64).orElse(ceil);
        return Optional.of(new HtbClass(hdr.ifindex(), hdr.handle(), hdr.parent(), rate, ceil, buffer, cbuffer));
    }
}
