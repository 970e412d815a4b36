package io.jcni.netlink.wire;

/**
 * struct tcmsg: the fixed header of RTM_*QDISC, RTM_*TCLASS and RTM_*TFILTER messages (20 bytes).
 * For filters {@code info} packs the priority (upper 16 bits) and the protocol in network order.
 */
public record TcMsg(int family, int ifindex, int handle, int parent, int info) {
    public static final int LENGTH = 20;

    public void writeTo(MessageWriter w) {
        w.u8(family).u8(0).u16(0).u32(ifindex).u32(handle).u32(parent).u32(info);
    }

    public static TcMsg read(Cursor c) {
        int family = c.u8("tcmsg.family");
        c.skip(3, "tcmsg.pad");
        return new TcMsg(family, c.s32("tcmsg.ifindex"), c.s32("tcmsg.handle"), c.s32("tcmsg.parent"),
                c.s32("tcmsg.info"));
    }
}
