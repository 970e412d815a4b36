package io.jcni.netlink.wire;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds one netlink message: the nlmsghdr, then the family's fixed header (written by e.g.
 * {@link IfInfoMsg#writeTo}), then attributes, each padded to 4 bytes. Integers are host order
 * unless the method name says {@code be} (big-endian, as nf_tables expects; no
 * NLA_F_NET_BYTEORDER flag is set, matching what the kernel's nf_tables parser wants).
 *
 * <p>The sequence number and port id stay 0: {@code NetlinkSocket} stamps the sequence number
 * when it sends.
 */
public final class MessageWriter {
    private byte[] buf = new byte[256];
    private int size;

    public MessageWriter(int type, int flags) {
        u32(0);
        u16(type);
        u16(flags);
        u32(0);
        u32(0);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    // ---- fixed-header fields (no padding) ----

    public MessageWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public MessageWriter u16(int v) {
        ensure(2);
        ByteOrders.putU16(buf, size, v);
        size += 2;
        return this;
    }

    public MessageWriter be16(int v) {
        ensure(2);
        ByteOrders.putBe16(buf, size, v);
        size += 2;
        return this;
    }

    public MessageWriter u32(int v) {
        ensure(4);
        ByteOrders.putS32(buf, size, v);
        size += 4;
        return this;
    }

    public MessageWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    private void padToAlignment() {
        int aligned = ByteOrders.align(size);
        ensure(aligned - size);
        while (size < aligned) {
            buf[size++] = 0;
        }
    }

    // ---- attributes ----

    private int beginAttr(int type) {
        padToAlignment();
        int start = size;
        u16(0);
        u16(type);
        return start;
    }

    private void endAttr(int start) {
        int len = size - start;
        if (len > 0xffff) {
            throw new IllegalArgumentException("attribute " + ByteOrders.u16(buf, start + 2) + " longer than 65535 bytes");
        }
        ByteOrders.putU16(buf, start, len);
        padToAlignment();
    }

    public MessageWriter attr(int type, byte[] payload) {
        int start = beginAttr(type);
        bytes(payload);
        endAttr(start);
        return this;
    }

    /** The raw 4 or 16 bytes of an IP address. */
    public MessageWriter attrInet(int type, InetAddress address) {
        return attr(type, address.getAddress());
    }

    /** A zero-length attribute whose presence is the information. */
    public MessageWriter attrFlag(int type) {
        endAttr(beginAttr(type));
        return this;
    }

    public MessageWriter attrU8(int type, int v) {
        int start = beginAttr(type);
        u8(v);
        endAttr(start);
        return this;
    }

    public MessageWriter attrU16(int type, int v) {
        int start = beginAttr(type);
        u16(v);
        endAttr(start);
        return this;
    }

    public MessageWriter attrU32(int type, int v) {
        int start = beginAttr(type);
        u32(v);
        endAttr(start);
        return this;
    }

    public MessageWriter attrU64(int type, long v) {
        int start = beginAttr(type);
        ensure(8);
        ByteOrders.putS64(buf, size, v);
        size += 8;
        endAttr(start);
        return this;
    }

    public MessageWriter attrBe16(int type, int v) {
        int start = beginAttr(type);
        be16(v);
        endAttr(start);
        return this;
    }

    public MessageWriter attrBe32(int type, int v) {
        int start = beginAttr(type);
        ensure(4);
        ByteOrders.putBe32(buf, size, v);
        size += 4;
        endAttr(start);
        return this;
    }

    public MessageWriter attrBe64(int type, long v) {
        int start = beginAttr(type);
        ensure(8);
        ByteOrders.putBe64(buf, size, v);
        size += 8;
        endAttr(start);
        return this;
    }

    /** A NUL-terminated UTF-8 string, as the kernel's NLA_STRING/NLA_NUL_STRING policies expect. */
    public MessageWriter attrString(int type, String s) {
        int start = beginAttr(type);
        bytes(s.getBytes(StandardCharsets.UTF_8));
        u8(0);
        endAttr(start);
        return this;
    }

    /**
     * A nested attribute (NLA_F_NESTED set): {@code body} writes the inner content, which may start
     * with a fixed struct (as VETH_INFO_PEER does) before its attributes.
     */
    public MessageWriter nested(int type, Consumer<MessageWriter> body) {
        int start = beginAttr(type | NetlinkConstants.NLA_F_NESTED);
        body.accept(this);
        endAttr(start);
        return this;
    }

    /** Current length in bytes (header included). */
    public int length() {
        return size;
    }

    /** The finished message with nlmsg_len filled in. The writer can keep growing afterwards. */
    public byte[] toBytes() {
        padToAlignment();
        ByteOrders.putS32(buf, 0, size);
        return Arrays.copyOf(buf, size);
    }

    /** The finished message with extra nlmsg_flags OR-ed in and the given sequence number. */
    public byte[] toBytes(int addFlags, int seq) {
        byte[] b = toBytes();
        ByteOrders.putU16(b, 6, ByteOrders.u16(b, 6) | addFlags);
        ByteOrders.putS32(b, 8, seq);
        return b;
    }
}
