package io.jcni.netlink.wire;

/** struct ifinfomsg: the fixed header of RTM_*LINK messages (16 bytes). */
public record IfInfoMsg(int family, int type, int index, int flags, int change) {
    public static final int LENGTH = 16;

    public void writeTo(MessageWriter w) {
        w.u8(family).u8(0).u16(type).u32(index).u32(flags).u32(change);
    }

    public static IfInfoMsg read(Cursor c) {
        int family = c.u8("ifinfomsg.family");
        c.skip(1, "ifinfomsg.pad");
        return new IfInfoMsg(family, c.u16("ifinfomsg.type"), c.s32("ifinfomsg.index"),
                c.s32("ifinfomsg.flags"), c.s32("ifinfomsg.change"));
    }
}
