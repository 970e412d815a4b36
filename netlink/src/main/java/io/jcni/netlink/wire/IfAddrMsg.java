package io.jcni.netlink.wire;

/** struct ifaddrmsg: the fixed header of RTM_*ADDR messages (8 bytes). */
public record IfAddrMsg(int family, int prefixLength, int flags, int scope, int index) {
    public static final int LENGTH = 8;

    public void writeTo(MessageWriter w) {
        w.u8(family).u8(prefixLength).u8(flags).u8(scope).u32(index);
    }

    public static IfAddrMsg read(Cursor c) {
        return new IfAddrMsg(c.u8("ifaddrmsg.family"), c.u8("ifaddrmsg.prefixlen"), c.u8("ifaddrmsg.flags"),
                c.u8("ifaddrmsg.scope"), c.s32("ifaddrmsg.index"));
    }
}
