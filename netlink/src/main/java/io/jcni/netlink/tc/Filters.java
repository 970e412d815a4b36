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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** u32 filter operations of one rtnetlink handle ({@code tc filter add/del/show}), with mirred actions. */
public final class Filters {
    private static final int SEL_LENGTH = 16;
    private static final int KEY_LENGTH = 16;
    /** struct tc_mirred: struct tc_gen (index, capab, action, refcnt, bindcnt), eaction, ifindex. */
    private static final int MIRRED_LENGTH = 28;

    private final NetlinkSocket socket;

    public Filters(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Adds the filter; the kernel picks its handle. */
    public void add(U32Filter f) {
        socket.execute("add filter", f.describe(), addMessage(f));
    }

    /** Deletes every filter of that priority and protocol under the parent. */
    public void delete(int linkIndex, int parent, int priority, int protocol) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_DELTFILTER, 0);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, linkIndex, 0, parent, info(priority, protocol)).writeTo(w);
        socket.execute("delete filter", "pref " + priority + " parent " + Handles.format(parent) + " on ifindex " + linkIndex, w);
    }

    /** The u32 filters under the qdisc {@code parent} of the link (other kinds are left out). */
    public List<U32Filter> listU32(int linkIndex, int parent) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_GETTFILTER, 0);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, linkIndex, 0, parent, 0).writeTo(w);
        List<U32Filter> out = new ArrayList<>();
        for (Message m : socket.dump("list filters", "parent " + Handles.format(parent) + " on ifindex " + linkIndex, w)) {
            parse(m).ifPresent(out::add);
        }
        return out;
    }

    /** tcm_info of a filter: priority in the upper half, the protocol in network order in the lower. */
    static int info(int priority, int protocol) {
        return priority << 16 | networkOrder16(protocol);
    }

    private static int networkOrder16(int v) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? v : Short.toUnsignedInt(Short.reverseBytes((short) v));
    }

    static MessageWriter addMessage(U32Filter f) {
        MessageWriter w = new MessageWriter(TcConstants.RTM_NEWTFILTER, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
        new TcMsg(RtnetlinkConstants.AF_UNSPEC, f.linkIndex(), f.handle(), f.parent(), info(f.priority(), f.protocol())).writeTo(w);
        w.attrString(TcConstants.TCA_KIND, "u32");
        w.nested(TcConstants.TCA_OPTIONS, o -> {
            o.attr(TcConstants.TCA_U32_SEL, selector(f.keys()));
            if (f.classId() != 0) {
                o.attrU32(TcConstants.TCA_U32_CLASSID, f.classId());
            }
            if (!f.actions().isEmpty()) {
                o.nested(TcConstants.TCA_U32_ACT, acts -> {
                    int order = 1;
                    for (Mirred m : f.actions()) {
                        acts.nested(order++, act -> {
                            act.attrString(TcConstants.TCA_ACT_KIND, "mirred");
                            act.nested(TcConstants.TCA_ACT_OPTIONS, p -> p.attr(TcConstants.TCA_MIRRED_PARMS, mirred(m)));
                        });
                    }
                });
            }
        });
        return w;
    }

    /** struct tc_u32_sel with its keys; no keys means one all-zero key (match everything), as tc sends it. */
    private static byte[] selector(List<U32Key> given) {
        List<U32Key> keys = given.isEmpty() ? List.of(U32Key.ALL) : given;
        ByteBuffer b = ByteBuffer.allocate(SEL_LENGTH + KEY_LENGTH * keys.size()).order(ByteOrder.nativeOrder());
        b.put((byte) TcConstants.TC_U32_TERMINAL).put((byte) 0).put((byte) keys.size()).put((byte) 0);
        b.position(SEL_LENGTH);
        for (U32Key k : keys) {
            b.order(ByteOrder.BIG_ENDIAN).putInt(k.mask()).putInt(k.value());
            b.order(ByteOrder.nativeOrder()).putInt(k.offset()).putInt(k.offsetMask());
        }
        return b.array();
    }

    private static byte[] mirred(Mirred m) {
        ByteBuffer b = ByteBuffer.allocate(MIRRED_LENGTH).order(ByteOrder.nativeOrder());
        b.putInt(0).putInt(0).putInt(m.verdict()).putInt(0).putInt(0).putInt(m.direction()).putInt(m.ifindex());
        return b.array();
    }

    /** Decodes an RTM_NEWTFILTER message; empty for kinds other than u32. */
    public static Optional<U32Filter> parse(Message m) {
        if (m.type() != TcConstants.RTM_NEWTFILTER) {
            throw new NetlinkParseException("expected RTM_NEWTFILTER, got message type " + m.type());
        }
        Cursor c = m.body();
        TcMsg hdr = TcMsg.read(c);
        Attributes a = c.attributes();
        if (!a.get(TcConstants.TCA_KIND).map(Attribute::string).equals(Optional.of("u32"))) {
            return Optional.empty();
        }
        int priority = hdr.info() >>> 16;
        int protocol = networkOrder16(hdr.info() & 0xFFFF);
        Optional<Attributes> options = a.get(TcConstants.TCA_OPTIONS).map(Attribute::nested);
        int classId = options.flatMap(o -> o.get(TcConstants.TCA_U32_CLASSID)).map(Attribute::u32).orElse(0);
        List<U32Key> keys = options.flatMap(o -> o.get(TcConstants.TCA_U32_SEL)).map(Filters::keys).orElse(List.of());
        List<Mirred> actions = new ArrayList<>();
        Optional<Attribute> acts = options.flatMap(o -> o.get(TcConstants.TCA_U32_ACT));
        if (acts.isPresent()) {
            List<Attribute> ordered = new ArrayList<>(acts.get().nested().list());
            ordered.sort(Comparator.comparingInt(Attribute::type));
            for (Attribute act : ordered) {
                Attributes aa = act.nested();
                String kind = aa.require(TcConstants.TCA_ACT_KIND, "TCA_ACT_KIND").string();
                if (!kind.equals("mirred")) {
                    throw new NetlinkParseException("u32 filter action " + act.type() + ": " + kind + " is not mirred");
                }
                Cursor p = aa.require(TcConstants.TCA_ACT_OPTIONS, "TCA_ACT_OPTIONS").nested()
                        .require(TcConstants.TCA_MIRRED_PARMS, "TCA_MIRRED_PARMS").cursor();
                p.skip(8, "tc_mirred.index+capab");
                int verdict = p.s32("tc_mirred.action");
                p.skip(8, "tc_mirred.refcnt+bindcnt");
                int direction = p.s32("tc_mirred.eaction");
                int ifindex = p.s32("tc_mirred.ifindex");
                actions.add(new Mirred(direction, ifindex, verdict));
            }
        }
        return Optional.of(new U32Filter(hdr.ifindex(), hdr.parent(), priority, protocol, hdr.handle(), classId, keys, actions));
    }

    private static List<U32Key> keys(Attribute sel) {
        Cursor c = sel.cursor();
        c.skip(2, "tc_u32_sel.flags+offshift");
        int n = c.u8("tc_u32_sel.nkeys");
        c.skip(SEL_LENGTH - 3, "tc_u32_sel");
        List<U32Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int mask = c.be32("tc_u32_key.mask");
            int value = c.be32("tc_u32_key.val");
            keys.add(new U32Key(mask, value & mask, c.s32("tc_u32_key.off"), c.s32("tc_u32_key.offmask")));
        }
        return keys;
    }
}
