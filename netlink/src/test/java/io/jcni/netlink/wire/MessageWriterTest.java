package io.jcni.netlink.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageWriterTest {

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void headerAndFixedStructAreLaidOutLikeTheKernelStructs() {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK, 0x0601);
        new IfInfoMsg(0, 1, 7, IfLinkConstants.IFF_UP, 0xffffffff).writeTo(w);
        byte[] b = w.toBytes(NetlinkConstants.NLM_F_ACK, 42);
        assertEquals(32, b.length);
        ByteBuffer buf = le(b);
        assertEquals(32, buf.getInt(0));
        assertEquals(RtnetlinkConstants.RTM_NEWLINK, buf.getShort(4));
        assertEquals(0x0605, buf.getShort(6));
        assertEquals(42, buf.getInt(8));
        assertEquals(0, buf.getInt(12));
        assertEquals(0, b[16]);              // family
        assertEquals(0, b[17]);              // pad
        assertEquals(1, buf.getShort(18));   // ifi_type
        assertEquals(7, buf.getInt(20));     // ifi_index
        assertEquals(1, buf.getInt(24));     // ifi_flags
        assertEquals(-1, buf.getInt(28));    // ifi_change
    }

    @Test
    void attributesArePaddedToFourBytesAndStringsAreNulTerminated() {
        MessageWriter w = new MessageWriter(1, 0);
        w.attrString(3, "br0");     // 4 + 4 bytes: "br0\0"
        w.attrU8(4, 9);             // 4 + 1 -> padded to 8
        w.attrU16(5, 0x1234);       // 4 + 2 -> padded to 8
        byte[] b = w.toBytes();
        assertEquals(16 + 8 + 8 + 8, b.length);
        ByteBuffer buf = le(b);
        assertEquals(8, buf.getShort(16));
        assertEquals(3, buf.getShort(18));
        assertArrayEquals(new byte[]{'b', 'r', '0', 0}, java.util.Arrays.copyOfRange(b, 20, 24));
        assertEquals(5, buf.getShort(24));   // nla_len excludes padding
        assertEquals(9, b[28]);
        assertEquals(0, b[29]);
        assertEquals(6, buf.getShort(32));
        assertEquals(0x1234, buf.getShort(36));
    }

    @Test
    void nestedAttributesCarryTheNestedFlagAndTheirTotalLength() {
        MessageWriter w = new MessageWriter(1, 0);
        w.nested(IfLinkConstants.IFLA_LINKINFO, n -> n.attrString(IfLinkConstants.IFLA_INFO_KIND, "veth")
                .nested(IfLinkConstants.IFLA_INFO_DATA, d -> d.attrU32(7, 5)));
        byte[] b = w.toBytes();
        ByteBuffer buf = le(b);
        int outerLen = buf.getShort(16);
        assertEquals(4 + 12 + 12, outerLen);
        assertEquals(IfLinkConstants.IFLA_LINKINFO | NetlinkConstants.NLA_F_NESTED, Short.toUnsignedInt(buf.getShort(18)));

        Attribute linkinfo = Message.parseAll(b, 0, b.length).getFirst().body().attributes()
                .require(IfLinkConstants.IFLA_LINKINFO, "linkinfo");
        assertTrue(linkinfo.nestedFlag());
        assertEquals(IfLinkConstants.IFLA_LINKINFO, linkinfo.type());
        Attributes inner = linkinfo.nested();
        assertEquals("veth", inner.require(IfLinkConstants.IFLA_INFO_KIND, "kind").string());
        assertEquals(5, inner.require(IfLinkConstants.IFLA_INFO_DATA, "data").nested().require(7, "x").u32());
    }

    @Test
    void bigEndianAttributesAreNetworkOrderWithoutTheByteOrderFlag() {
        MessageWriter w = new MessageWriter(1, 0);
        w.attrBe32(1, 0x0a000001).attrBe16(2, 0x8100).attrBe64(3, 0x0102030405060708L);
        byte[] b = w.toBytes();
        assertArrayEquals(new byte[]{10, 0, 0, 1}, java.util.Arrays.copyOfRange(b, 20, 24));
        assertEquals(1, le(b).getShort(18));
        assertArrayEquals(new byte[]{(byte) 0x81, 0}, java.util.Arrays.copyOfRange(b, 28, 30));
        Attributes a = Message.parseAll(b, 0, b.length).getFirst().body().attributes();
        assertEquals(0x0a000001, a.require(1, "a").be32());
        assertEquals(0x8100, a.require(2, "b").be16());
        assertEquals(0x0102030405060708L, a.require(3, "c").be64());
        assertFalse(a.require(1, "a").nestedFlag());
    }

    @Test
    void roundTripOfEveryFixedHeader() {
        MessageWriter w = new MessageWriter(1, 0);
        IfAddrMsg ifa = new IfAddrMsg(10, 64, 2, 253, 5);
        RtMsg rt = new RtMsg(2, 24, 0, 0, 254, 4, 0, 1, 0);
        NdMsg nd = new NdMsg(7, 3, 0x80, 2, 0);
        NfGenMsg nf = new NfGenMsg(1, 0, 0x1234);
        IfInfoMsg ifi = new IfInfoMsg(0, 772, 1, 0x49, 0);
        ifa.writeTo(w);
        rt.writeTo(w);
        nd.writeTo(w);
        nf.writeTo(w);
        ifi.writeTo(w);
        byte[] b = w.toBytes();
        assertEquals(16 + 8 + 12 + 12 + 4 + 16, b.length);
        assertArrayEquals(new byte[]{0x12, 0x34}, java.util.Arrays.copyOfRange(b, 16 + 32 + 2, 16 + 32 + 4));
        Cursor c = Message.parseAll(b, 0, b.length).getFirst().body();
        assertEquals(ifa, IfAddrMsg.read(c));
        assertEquals(rt, RtMsg.read(c));
        assertEquals(nd, NdMsg.read(c));
        assertEquals(nf, NfGenMsg.read(c));
        assertEquals(ifi, IfInfoMsg.read(c));
        assertEquals(0, c.remaining());
        assertThrows(NetlinkParseException.class, () -> c.u8("past end"));
    }

    @Test
    void severalMessagesInOneDatagramAreSplitAtAlignedBoundaries() {
        byte[] a = new MessageWriter(20, 2).attrU8(1, 1).toBytes(0, 1);
        byte[] b = new MessageWriter(3, 2).toBytes(0, 2);
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        List<Message> ms = Message.parseAll(all, 0, all.length);
        assertEquals(2, ms.size());
        assertEquals(20, ms.get(0).type());
        assertEquals(1, ms.get(0).seq());
        assertEquals(3, ms.get(1).type());
        assertEquals(2, ms.get(1).seq());
    }

    @Test
    void errorMessageDecodesErrnoAndExtendedAck() {
        // nlmsgerr: error -17, capped copy of the request header, then NLMSGERR_ATTR_MSG.
        MessageWriter w = new MessageWriter(NetlinkConstants.NLMSG_ERROR,
                NetlinkConstants.NLM_F_CAPPED | NetlinkConstants.NLM_F_ACK_TLVS);
        w.u32(-17).u32(32).u16(RtnetlinkConstants.RTM_NEWLINK).u16(5).u32(9).u32(0);
        w.attrString(NetlinkConstants.NLMSGERR_ATTR_MSG, "File exists here");
        w.attrU32(NetlinkConstants.NLMSGERR_ATTR_OFFS, 36);
        byte[] b = w.toBytes();
        ErrorMessage e = ErrorMessage.ofError(Message.parseAll(b, 0, b.length).getFirst());
        assertEquals(17, e.errno());
        assertEquals(RtnetlinkConstants.RTM_NEWLINK, e.requestType());
        assertEquals("File exists here", e.kernelMessage().orElseThrow());
        assertEquals(36, e.badAttributeOffset());
    }
}
