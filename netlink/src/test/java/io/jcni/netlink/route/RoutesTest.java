package io.jcni.netlink.route;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.Scope;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.addr.AddressFlag;
import io.jcni.netlink.link.Bridge;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ScratchNamespaceExtension.class)
class RoutesTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    /** A bridge that is up, with 10.98.0.1/24 and 2001:db8::1/64, so gateways are reachable. */
    private static Link uplink(Netlink nl) throws Exception {
        Link br = nl.links().add(Bridge.named("jrbr0"));
        nl.links().setUp("jrbr0");
        nl.addresses().add(Address.of(br.index(), ip("10.98.0.1"), 24));
        nl.addresses().add(Address.of(br.index(), ip("2001:db8::1"), 64).withFlags(Set.of(AddressFlag.NODAD)));
        return br;
    }

    private static List<Route> to(Netlink nl, IpFamily family, int table, String dst, int len) throws Exception {
        InetAddress d = ip(dst);
        return nl.routes().list(family, table).stream()
                .filter(r -> r.destination().equals(d) && r.destinationLength() == len).toList();
    }

    @Test
    void ipv4RouteWithGatewayPriorityMetricsAndProtocol(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = uplink(nl);
            Route r = Route.via(ip("192.0.2.0"), 24, ip("10.98.0.2")).withPriority(50).withMtu(1300).withAdvmss(1260)
                    .withProtocol(RtnetlinkConstants.RTPROT_STATIC);
            nl.routes().add(r);
            List<Route> found = to(nl, IpFamily.IPV4, RtnetlinkConstants.RT_TABLE_MAIN, "192.0.2.0", 24);
            assertEquals(1, found.size());
            Route got = found.getFirst();
            assertEquals(Optional.of(ip("10.98.0.2")), got.gateway());
            assertEquals(OptionalInt.of(br.index()), got.linkIndex());
            assertEquals(OptionalInt.of(50), got.priority());
            assertEquals(OptionalInt.of(1300), got.mtu());
            assertEquals(OptionalInt.of(1260), got.advmss());
            assertEquals(RtnetlinkConstants.RTPROT_STATIC, got.protocol());
            assertEquals(Scope.UNIVERSE, got.scope());
            assertEquals(RouteType.UNICAST, got.type());

            ErrnoException dup = assertThrows(ErrnoException.class, () -> nl.routes().add(r));
            assertEquals(Errno.EEXIST, dup.errno());
            assertTrue(dup.getMessage().startsWith("add route 192.0.2.0/24 via 10.98.0.2 table 254 failed: EEXIST"),
                    dup.getMessage());

            nl.routes().delete(r);
            assertTrue(to(nl, IpFamily.IPV4, RtnetlinkConstants.RT_TABLE_MAIN, "192.0.2.0", 24).isEmpty());
            ErrnoException gone = assertThrows(ErrnoException.class, () -> nl.routes().delete(r));
            assertEquals(Errno.ESRCH, gone.errno());
        }
    }

    @Test
    void replaceSwapsTheGatewayOfAnExistingRoute(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            uplink(nl);
            nl.routes().replace(Route.via(ip("198.51.100.0"), 24, ip("10.98.0.2")));
            nl.routes().replace(Route.via(ip("198.51.100.0"), 24, ip("10.98.0.3")));
            List<Route> found = to(nl, IpFamily.IPV4, RtnetlinkConstants.RT_TABLE_MAIN, "198.51.100.0", 24);
            assertEquals(1, found.size());
            assertEquals(Optional.of(ip("10.98.0.3")), found.getFirst().gateway());
        }
    }

    @Test
    void deviceRoutesDefaultRoutesAndOtherTables(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = uplink(nl);
            nl.routes().add(Route.onLink(ip("203.0.113.0"), 24, br.index()));
            Route dev = to(nl, IpFamily.IPV4, RtnetlinkConstants.RT_TABLE_MAIN, "203.0.113.0", 24).getFirst();
            assertEquals(Scope.LINK, dev.scope());
            assertEquals(Optional.empty(), dev.gateway());

            nl.routes().add(Route.via(ip("0.0.0.0"), 0, ip("10.98.0.254")));
            assertEquals(Optional.of(ip("10.98.0.254")),
                    to(nl, IpFamily.IPV4, RtnetlinkConstants.RT_TABLE_MAIN, "0.0.0.0", 0).getFirst().gateway());

            nl.routes().add(Route.via(ip("192.0.2.0"), 25, ip("10.98.0.5")).withTable(100));
            nl.routes().add(Route.via(ip("192.0.2.128"), 25, ip("10.98.0.6")).withTable(1000));
            assertEquals(1, to(nl, IpFamily.IPV4, 100, "192.0.2.0", 25).size());
            assertEquals(1, to(nl, IpFamily.IPV4, 1000, "192.0.2.128", 25).size());
            assertTrue(to(nl, IpFamily.IPV4, RtnetlinkConstants.RT_TABLE_MAIN, "192.0.2.0", 25).isEmpty());
            nl.routes().delete(Route.via(ip("192.0.2.128"), 25, ip("10.98.0.6")).withTable(1000));
            assertTrue(to(nl, IpFamily.IPV4, 1000, "192.0.2.128", 25).isEmpty());
        }
    }

    @Test
    void ipv6RoutesWithMetrics(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = uplink(nl);
            Route r = Route.via(ip("2001:db8:1::"), 64, ip("2001:db8::2")).withMtu(1400).withPriority(20);
            nl.routes().add(r);
            List<Route> found = to(nl, IpFamily.IPV6, RtnetlinkConstants.RT_TABLE_MAIN, "2001:db8:1::", 64);
            assertEquals(1, found.size());
            assertEquals(Optional.of(ip("2001:db8::2")), found.getFirst().gateway());
            assertEquals(OptionalInt.of(br.index()), found.getFirst().linkIndex());
            assertEquals(OptionalInt.of(1400), found.getFirst().mtu());
            assertEquals(OptionalInt.of(20), found.getFirst().priority());
            nl.routes().delete(r);
            assertTrue(to(nl, IpFamily.IPV6, RtnetlinkConstants.RT_TABLE_MAIN, "2001:db8:1::", 64).isEmpty());
        }
    }

    @Test
    void unreachableGatewaysAreRefusedWithTheRouteNamed(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            uplink(nl);
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> nl.routes().add(Route.via(ip("192.0.2.0"), 24, ip("172.31.0.1"))));
            assertEquals(Errno.ENETUNREACH, e.errno());
            assertTrue(e.getMessage().contains("192.0.2.0/24 via 172.31.0.1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Route.via(ip("192.0.2.0"), 24, ip("2001:db8::2")));
            assertThrows(IllegalArgumentException.class, () -> Route.via(ip("192.0.2.0"), 33, ip("10.0.0.1")));
        }
    }
}
