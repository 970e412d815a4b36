package io.jcni.netlink.route;

import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.RtMsg;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static io.jcni.netlink.wire.RtnetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes of route requests, decoded back with our own decoder. */
class RouteMessagesTest {
    private record Decoded(Message message, RtMsg header, Attributes attributes) {
    }

    private static Decoded decode(MessageWriter w) {
        byte[] b = w.toBytes();
        Message m = Message.parseAll(b, 0, b.length).getFirst();
        Cursor c = m.body();
        RtMsg h = RtMsg.read(c);
        return new Decoded(m, h, c.attributes());
    }

    @Test
    void addCarriesTableMetricsAndNextHop() throws Exception {
        Route r = Route.via(InetAddress.getByName("192.0.2.0"), 24, InetAddress.getByName("10.0.0.1"))
                .withLink(4).withPriority(7).withMtu(1400).withAdvmss(1360).withTable(1000).withProtocol(RTPROT_STATIC);
        Decoded d = decode(Routes.addMessage(r));
        assertEquals(RTM_NEWROUTE, d.message().type());
        assertEquals(NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL, d.message().flags());
        assertEquals(new RtMsg(AF_INET, 24, 0, 0, RT_TABLE_UNSPEC, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0), d.header());
        assertEquals(1000, d.attributes().require(RTA_TABLE, "table").u32());
        assertArrayEquals(new byte[]{(byte) 192, 0, 2, 0}, d.attributes().require(RTA_DST, "dst").bytes());
        assertArrayEquals(new byte[]{10, 0, 0, 1}, d.attributes().require(RTA_GATEWAY, "gw").bytes());
        assertEquals(4, d.attributes().require(RTA_OIF, "oif").u32());
        assertEquals(7, d.attributes().require(RTA_PRIORITY, "prio").u32());
        Attributes metrics = d.attributes().require(RTA_METRICS, "metrics").nested();
        assertTrue(d.attributes().require(RTA_METRICS, "metrics").nestedFlag());
        assertEquals(1400, metrics.require(RTAX_MTU, "mtu").u32());
        assertEquals(1360, metrics.require(RTAX_ADVMSS, "advmss").u32());
    }

    @Test
    void defaultRouteHasNoDestinationAndReplaceUsesReplaceFlags() throws Exception {
        Route r = Route.via(InetAddress.getByName("::"), 0, InetAddress.getByName("2001:db8::1"));
        Decoded d = decode(Routes.replaceMessage(r));
        assertEquals(NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_REPLACE, d.message().flags());
        assertEquals(AF_INET6, d.header().family());
        assertEquals(RT_TABLE_MAIN, d.header().table());
        assertFalse(d.attributes().get(RTA_DST).isPresent());
        assertFalse(d.attributes().get(RTA_METRICS).isPresent());
    }

    @Test
    void deleteLeavesProtocolScopeAndTypeAsWildcards() throws Exception {
        Route r = Route.via(InetAddress.getByName("192.0.2.0"), 24, InetAddress.getByName("10.0.0.1")).withMtu(1400);
        Decoded d = decode(Routes.deleteMessage(r));
        assertEquals(RTM_DELROUTE, d.message().type());
        assertEquals(new RtMsg(AF_INET, 24, 0, 0, RT_TABLE_MAIN, RTPROT_UNSPEC, RT_SCOPE_NOWHERE, RTN_UNSPEC, 0), d.header());
        assertFalse(d.attributes().get(RTA_METRICS).isPresent(), "metrics would have to match exactly");
    }

    @Test
    void aUnicastRouteWithoutNextHopIsRejected() throws Exception {
        Route r = Route.onLink(InetAddress.getByName("192.0.2.0"), 24, 3);
        Route noHop = new Route(r.destination(), 24, r.gateway(), java.util.OptionalInt.empty(), r.scope(), r.table(),
                r.priority(), r.mtu(), r.advmss(), r.protocol(), RouteType.UNICAST, r.preferredSource());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Routes.addMessage(noHop));
        assertTrue(e.getMessage().contains("needs a gateway or an output link"), e.getMessage());
        assertEquals(RtnetlinkConstants.RTN_UNICAST, RouteType.UNICAST.number());
    }
}
