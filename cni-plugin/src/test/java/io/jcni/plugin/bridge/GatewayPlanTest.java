package io.jcni.plugin.bridge;

import io.jcni.conf.result.Dns;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.Route;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GatewayPlanTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static IpPrefix p(String s, int len) throws Exception {
        return new IpPrefix(ip(s), len);
    }

    @Test
    void layerThreeWithoutGatewayOnlyPointsAddressesAtThePod() throws Exception {
        Result ipam = new Result(List.of(), List.of(new IpConfig(p("10.1.0.5", 24), null, null)), List.of(), Dns.EMPTY);
        GatewayPlan plan = GatewayPlan.of(ipam, false, false);
        assertEquals(2, plan.result().ips().getFirst().interfaceIndex());
        assertNull(plan.result().ips().getFirst().gateway());
        assertEquals(List.of(), plan.gateways());
        assertEquals(List.of(), plan.result().routes());
    }

    @Test
    void missingGatewayIsTheSubnetsFirstAddressAndGoesOnTheBridgeWithThePrefix() throws Exception {
        Result ipam = new Result(List.of(), List.of(new IpConfig(p("10.1.7.5", 22), null, null),
                new IpConfig(p("fd00:1::9", 64), ip("fd00:1::fe"), null)), List.of(), Dns.EMPTY);
        GatewayPlan plan = GatewayPlan.of(ipam, true, false);
        assertEquals(ip("10.1.4.1"), plan.result().ips().get(0).gateway());
        assertEquals(ip("fd00:1::fe"), plan.result().ips().get(1).gateway());
        assertEquals(List.of(p("10.1.4.1", 22), p("fd00:1::fe", 64)), plan.gateways());
    }

    @Test
    void defaultGatewayAddsOneDefaultRoutePerFamilyUnlessIpamHasOne() throws Exception {
        Result ipam = new Result(List.of(), List.of(new IpConfig(p("10.1.0.5", 24), null, null),
                new IpConfig(p("10.2.0.5", 24), null, null), new IpConfig(p("fd00:1::9", 64), null, null)),
                List.of(new Route(p("::", 0), ip("fd00:1::1")), new Route(p("192.0.2.0", 24), null)), Dns.EMPTY);
        GatewayPlan plan = GatewayPlan.of(ipam, true, true);
        assertEquals(List.of(new Route(p("::", 0), ip("fd00:1::1")), new Route(p("192.0.2.0", 24), null),
                new Route(p("0.0.0.0", 0), ip("10.1.0.1"))), plan.result().routes());
        assertEquals(List.of(p("10.1.0.1", 24), p("10.2.0.1", 24), p("fd00:1::1", 64)), plan.gateways());
    }

    @Test
    void aDefaultRouteWithoutGatewayDoesNotCount() throws Exception {
        Result ipam = new Result(List.of(), List.of(new IpConfig(p("10.1.0.5", 24), null, null)),
                List.of(new Route(p("0.0.0.0", 0), null)), Dns.EMPTY);
        GatewayPlan plan = GatewayPlan.of(ipam, true, true);
        assertEquals(2, plan.result().routes().size());
        assertEquals(ip("10.1.0.1"), plan.result().routes().get(1).gw());
    }
}
