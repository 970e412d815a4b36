package io.jcni.netlink.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message: the nlmsghdr fields and a view of its payload. The payload is
 * read with {@link #body()}: first the fixed header of the family (e.g. {@link IfInfoMsg#read}),
 * then {@link Cursor#attributes()}.
 */
public final class Message {
    private final int type;
    private final int flags;
    private final int seq;
    private final int portId;
    private final byte[] data;
    private final int payloadOffset;
    private final int payloadLength;

    private Message(int type, int flags, int seq, int portId, byte[] data, int payloadOffset, int payloadLength) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.portId = portId;
        this.data = data;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    /**
     * Splits a datagram into messages. The array is kept (not copied): callers must not reuse it.
     *
     * @throws NetlinkParseException if any length field is inconsistent with the bytes
     */
    public static List<Message> parseAll(byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length < 0 || offset > data.length || length > data.length - offset) {
            throw new NetlinkParseException("message region out of bounds");
        }
        List<Message> out = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (end - pos < NetlinkConstants.NLMSG_HDRLEN) {
                throw new NetlinkParseException("truncated nlmsghdr: " + (end - pos) + " bytes at offset " + (pos - offset));
            }
            int len = ByteOrders.s32(data, pos);
            if (len < NetlinkConstants.NLMSG_HDRLEN || len > end - pos) {
                throw new NetlinkParseException("nlmsghdr has bad length " + Integer.toUnsignedString(len)
                        + " at offset " + (pos - offset) + " of " + length);
            }
            out.add(new Message(ByteOrders.u16(data, pos + 4), ByteOrders.u16(data, pos + 6),
                    ByteOrders.s32(data, pos + 8), ByteOrders.s32(data, pos + 12),
                    data, pos + NetlinkConstants.NLMSG_HDRLEN, len - NetlinkConstants.NLMSG_HDRLEN));
            int next = pos + ByteOrders.align(len);
            pos = next < 0 ? end : Math.min(end, next);
        }
        return out;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int seq() {
        return seq;
    }

    public int portId() {
        return portId;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** A fresh cursor at the start of the payload. */
    public Cursor body() {
        return new Cursor(data, payloadOffset, payloadLength);
    }

    @Override
    public String toString() {
        return "Message[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq
                + ", payload=" + payloadLength + "]";
    }
}
