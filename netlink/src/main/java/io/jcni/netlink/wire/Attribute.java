package io.jcni.netlink.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One netlink attribute (struct nlattr and its payload), a view into the received bytes.
 * {@link #type()} has the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits removed. The typed
 * accessors check the payload length and throw {@link NetlinkParseException} when it is short.
 */
public final class Attribute {
    private final int rawType;
    private final byte[] data;
    private final int offset;
    private final int length;

    Attribute(int rawType, byte[] data, int offset, int length) {
        this.rawType = rawType;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    public int type() {
        return rawType & NetlinkConstants.NLA_TYPE_MASK;
    }

    /** Whether the sender marked this attribute as holding nested attributes. */
    public boolean nestedFlag() {
        return (rawType & NetlinkConstants.NLA_F_NESTED) != 0;
    }

    public int length() {
        return length;
    }

    private void need(int n, String what) {
        if (length < n) {
            throw new NetlinkParseException("attribute " + type() + " too short for " + what + ": " + length + " bytes");
        }
    }

    public int u8() {
        need(1, "u8");
        return Byte.toUnsignedInt(data[offset]);
    }

    public int u16() {
        need(2, "u16");
        return ByteOrders.u16(data, offset);
    }

    /** A host-order 32-bit value; use {@link Integer#toUnsignedLong} for unsigned semantics. */
    public int u32() {
        need(4, "u32");
        return ByteOrders.s32(data, offset);
    }

    public long u64() {
        need(8, "u64");
        return ByteOrders.s64(data, offset);
    }

    /** Big-endian (network order) 16-bit value. */
    public int be16() {
        need(2, "be16");
        return ByteOrders.be16(data, offset);
    }

    /** Big-endian (network order) 32-bit value. */
    public int be32() {
        need(4, "be32");
        return ByteOrders.be32(data, offset);
    }

    /** Big-endian (network order) 64-bit value. */
    public long be64() {
        need(8, "be64");
        return ByteOrders.be64(data, offset);
    }

    /** A C string: the payload up to the first NUL (or all of it), decoded as UTF-8. */
    public String string() {
        int end = offset;
        while (end < offset + length && data[end] != 0) {
            end++;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_8);
    }

    /**
     * An IPv4 (4-byte) or IPv6 (16-byte) address. IPv4-mapped IPv6 addresses stay IPv6, unlike
     * {@link InetAddress#getByAddress(byte[])}.
     */
    public InetAddress inetAddress() {
        try {
            return switch (length) {
                case 4 -> InetAddress.getByAddress(bytes());
                case 16 -> Inet6Address.getByAddress(null, bytes(), -1);
                default -> throw new NetlinkParseException("attribute " + type() + " is not an IP address: " + length + " bytes");
            };
        } catch (UnknownHostException e) {
            throw new NetlinkParseException("attribute " + type() + " is not an IP address: " + e.getMessage());
        }
    }

    /** A copy of the payload. */
    public byte[] bytes() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    /** The payload parsed as attributes. */
    public Attributes nested() {
        return Attributes.parse(data, offset, length);
    }

    /** The payload as a cursor, for attributes that start with a fixed struct (VETH_INFO_PEER). */
    public Cursor cursor() {
        return new Cursor(data, offset, length);
    }
}
