package io.jcni.netlink.tc;

import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.TcConstants;
import io.jcni.netlink.wire.TcMsg;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The qdisc and filter requests byte by byte, and that the decoders read back what they wrote. */
class TcMessagesTest {
    private static Message only(byte[] bytes) {
        List<Message> all = Message.parseAll(bytes, 0, bytes.length);
        assertEquals(1, all.size());
        return all.getFirst();
    }

    @Test
    void tbfRequestCarriesRateLimitAndBufferAndDecodesBack() {
        Qdisc q = Qdisc.rootTbf(7, new Tbf(1_000_000, 156_250, 35_000));
        Message m = only(Qdiscs.changeMessage(q, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL).toBytes());
        assertEquals(TcConstants.RTM_NEWQDISC, m.type());
        assertEquals(NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL, m.flags());
        Cursor c = m.body();
        assertEquals(new TcMsg(0, 7, 0x10000, 0xFFFFFFFF, 0), TcMsg.read(c));
        Attributes a = c.attributes();
        assertEquals("tbf", a.require(TcConstants.TCA_KIND, "kind").string());
        Attributes o = a.require(TcConstants.TCA_OPTIONS, "options").nested();
        byte[] parms = o.require(TcConstants.TCA_TBF_PARMS, "parms").bytes();
        assertEquals(36, parms.length);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(parms).order(ByteOrder.nativeOrder());
        assertEquals(0, b.getInt(0)); // cell_log, linklayer, overhead: unset, as the reference sends them
        assertEquals(1_000_000, b.getInt(8));
        assertEquals(0, b.getInt(20)); // no peak rate
        assertEquals(35_000, b.getInt(24));
        assertEquals(156_250, b.getInt(28));
        assertEquals(Optional.empty(), o.get(TcConstants.TCA_TBF_RATE64));

        // A dump reply has the same layout with the reply type.
        byte[] reply = Qdiscs.changeMessage(q, 0).toBytes();
        reply[4] = (byte) TcConstants.RTM_NEWQDISC;
        assertEquals(q, Qdiscs.parse(only(reply)));
    }

    @Test
    void rateAbove32BitsGoesInRate64() {
        Qdisc q = Qdisc.rootTbf(3, new Tbf(10_000_000_000L, 1562, 250_000_000));
        Message m = only(Qdiscs.changeMessage(q, 0).toBytes());
        Cursor c = m.body();
        TcMsg.read(c);
        Attributes o = c.attributes().require(TcConstants.TCA_OPTIONS, "options").nested();
        assertEquals(10_000_000_000L, o.require(TcConstants.TCA_TBF_RATE64, "rate64").u64());
        assertEquals(-1, java.nio.ByteBuffer.wrap(o.require(TcConstants.TCA_TBF_PARMS, "p").bytes())
                .order(ByteOrder.nativeOrder()).getInt(8)); // saturated 32-bit field
        assertEquals(q, Qdiscs.parse(m));
    }

    @Test
    void ingressQdiscHasNoOptions() {
        Message m = only(Qdiscs.changeMessage(Qdisc.ingress(4), 0).toBytes());
        Cursor c = m.body();
        assertEquals(new TcMsg(0, 4, 0xFFFF0000, 0xFFFFFFF1, 0), TcMsg.read(c));
        Attributes a = c.attributes();
        assertEquals(List.of(TcConstants.TCA_KIND), a.list().stream().map(Attribute::type).toList());
        assertEquals(Qdisc.ingress(4), Qdiscs.parse(m));
    }

    @Test
    void u32MatchAllWithTwoMirredActionsRoundTrips() {
        U32Filter f = new U32Filter(4, 0xFFFF0000, 1, TcConstants.ETH_P_ALL, 0, Handles.of(1, 1), List.of(),
                List.of(Mirred.egressRedirect(9), new Mirred(Mirred.EGRESS_REDIRECT, 9, Mirred.PASS)));
        Message m = only(Filters.addMessage(f).toBytes());
        assertEquals(TcConstants.RTM_NEWTFILTER, m.type());
        Cursor c = m.body();
        TcMsg hdr = TcMsg.read(c);
        // pref 1 in the upper half, ETH_P_ALL in network order in the lower.
        assertEquals(1, hdr.info() >>> 16);
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x0300 : 0x0003, hdr.info() & 0xFFFF);
        Attributes o = c.attributes().require(TcConstants.TCA_OPTIONS, "options").nested();
        byte[] sel = o.require(TcConstants.TCA_U32_SEL, "sel").bytes();
        assertEquals(32, sel.length); // the selector and the one all-zero key tc sends for "match all"
        assertEquals(TcConstants.TC_U32_TERMINAL, sel[0]);
        assertEquals(1, sel[2]);
        assertEquals(0x10001, o.require(TcConstants.TCA_U32_CLASSID, "classid").u32());
        U32Filter back = Filters.parse(m).orElseThrow();
        assertEquals(new U32Filter(4, 0xFFFF0000, 1, 3, 0, 0x10001, List.of(U32Key.ALL), f.actions()), back);
    }

    @Test
    void u32KeysAreInNetworkOrder() {
        U32Key dst = new U32Key(0xFFFFFF00, 0x0A000100, 16, 0); // match ip dst 10.0.1.0/24
        U32Filter f = new U32Filter(2, 0x10000, 2, TcConstants.ETH_P_IP, 0, 0, List.of(dst), List.of());
        Message m = only(Filters.addMessage(f).toBytes());
        Cursor c = m.body();
        TcMsg.read(c);
        byte[] sel = c.attributes().require(TcConstants.TCA_OPTIONS, "o").nested().require(TcConstants.TCA_U32_SEL, "s").bytes();
        assertEquals(List.of((byte) 10, (byte) 0, (byte) 1, (byte) 0),
                List.of(sel[20], sel[21], sel[22], sel[23]));
        assertEquals(List.of(dst), Filters.parse(m).orElseThrow().keys());
    }

    @Test
    void htbQdiscAndClassRoundTrip() {
        Qdisc q = Qdisc.rootHtb(5, Htb.withDefault(48));
        byte[] qb = Qdiscs.changeMessage(q, 0).toBytes();
        Cursor c = only(qb).body();
        TcMsg.read(c);
        byte[] glob = c.attributes().require(TcConstants.TCA_OPTIONS, "o").nested().require(TcConstants.TCA_HTB_INIT, "i").bytes();
        java.nio.ByteBuffer g = java.nio.ByteBuffer.wrap(glob).order(ByteOrder.nativeOrder());
        assertEquals(List.of(3, 10, 48, 0, 0), List.of(g.getInt(0), g.getInt(4), g.getInt(8), g.getInt(12), g.getInt(16)));
        assertEquals(q, Qdiscs.parse(only(qb)));

        HtbClass big = new HtbClass(5, Handles.of(1, 1), Handles.of(1, 0), 100_000_000_000L, 100_000_000_000L, 0, 0);
        byte[] cb = Classes.addMessage(big).toBytes();
        cb[4] = (byte) TcConstants.RTM_NEWTCLASS;
        Message m = only(cb);
        Cursor cc = m.body();
        TcMsg.read(cc);
        Attributes o = cc.attributes().require(TcConstants.TCA_OPTIONS, "o").nested();
        byte[] opt = o.require(TcConstants.TCA_HTB_PARMS, "p").bytes();
        assertEquals(44, opt.length);
        assertEquals(3, opt[0]); // cell_log and linklayer ethernet, as the reference's library sends them
        assertEquals(1, opt[1]);
        assertEquals(100_000_000_000L, o.require(TcConstants.TCA_HTB_RATE64, "r").u64());
        assertEquals(100_000_000_000L, o.require(TcConstants.TCA_HTB_CEIL64, "c").u64());
        assertEquals(Optional.of(big), Classes.parse(m));
    }

    @Test
    void refusesAKeyValueOutsideItsMask() {
        assertThrows(IllegalArgumentException.class, () -> new U32Key(0xFF000000, 0x0A000001, 16, 0));
    }

    @Test
    void handlesPrintAsTcDoes() {
        assertEquals("1:0", Handles.format(Handles.of(1, 0)));
        assertEquals("ffff:fff1", Handles.format(Handles.INGRESS));
        assertEquals("root", Handles.format(Handles.ROOT));
    }
}
