package io.jcni.netlink.wire;

/** struct rtmsg: the fixed header of RTM_*ROUTE messages (12 bytes). */
public record RtMsg(int family, int dstLength, int srcLength, int tos, int table, int protocol, int scope,
                    int type, int flags) {
    public static final int LENGTH = 12;

    public void writeTo(MessageWriter w) {
        w.u8(family).u8(dstLength).u8(srcLength).u8(tos).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    public static RtMsg read(Cursor c) {
        return new RtMsg(c.u8("rtmsg.family"), c.u8("rtmsg.dst_len"), c.u8("rtmsg.src_len"), c.u8("rtmsg.tos"),
                c.u8("rtmsg.table"), c.u8("rtmsg.protocol"), c.u8("rtmsg.scope"), c.u8("rtmsg.type"),
                c.s32("rtmsg.flags"));
    }
}
