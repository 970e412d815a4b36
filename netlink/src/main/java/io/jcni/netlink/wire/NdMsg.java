package io.jcni.netlink.wire;

/** struct ndmsg: the fixed header of RTM_*NEIGH messages (12 bytes). */
public record NdMsg(int family, int index, int state, int flags, int type) {
    public static final int LENGTH = 12;

    public void writeTo(MessageWriter w) {
        w.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(type);
    }

    public static NdMsg read(Cursor c) {
        int family = c.u8("ndmsg.family");
        c.skip(3, "ndmsg.pad");
        return new NdMsg(family, c.s32("ndmsg.ifindex"), c.u16("ndmsg.state"), c.u8("ndmsg.flags"), c.u8("ndmsg.type"));
    }
}
