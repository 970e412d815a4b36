package io.jcni.netlink.wire;

/**
 * Reads a bounded region of a byte array front to back: fixed headers (ifinfomsg, rtmsg...)
 * and then the attributes that follow them. Every read checks that the bytes are there and
 * throws {@link NetlinkParseException} otherwise.
 */
public final class Cursor {
    private final byte[] data;
    private final int end;
    private int position;

    Cursor(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    private int take(int n, String what) {
        if (n > remaining()) {
            throw new NetlinkParseException("truncated " + what + ": need " + n + " bytes, have " + remaining());
        }
        int at = position;
        position += n;
        return at;
    }

    public int u8(String what) {
        return Byte.toUnsignedInt(data[take(1, what)]);
    }

    public int u16(String what) {
        return ByteOrders.u16(data, take(2, what));
    }

    public int be16(String what) {
        return ByteOrders.be16(data, take(2, what));
    }

    public int be32(String what) {
        return ByteOrders.be32(data, take(4, what));
    }

    public int s32(String what) {
        return ByteOrders.s32(data, take(4, what));
    }

    public void skip(int n, String what) {
        take(n, what);
    }

    /** Parses everything left as a sequence of attributes. */
    public Attributes attributes() {
        Attributes a = Attributes.parse(data, position, remaining());
        position = end;
        return a;
    }
}
