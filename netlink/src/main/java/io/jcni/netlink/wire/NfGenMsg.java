package io.jcni.netlink.wire;

/** struct nfgenmsg: the fixed header of nfnetlink messages (4 bytes; res_id is big-endian). */
public record NfGenMsg(int family, int version, int resourceId) {
    public static final int LENGTH = 4;

    public void writeTo(MessageWriter w) {
        w.u8(family).u8(version).be16(resourceId);
    }

    public static NfGenMsg read(Cursor c) {
        return new NfGenMsg(c.u8("nfgenmsg.family"), c.u8("nfgenmsg.version"), c.be16("nfgenmsg.res_id"));
    }
}
