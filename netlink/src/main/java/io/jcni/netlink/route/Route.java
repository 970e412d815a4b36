package io.jcni.netlink.route;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Scope;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route: destination prefix (length 0 for a default route), next hop, table and metrics.
 * Multipath routes are not modelled (their next hops are not decoded).
 *
 * @param linkIndex output device (RTA_OIF)
 * @param table routing table id (254 = main)
 * @param priority route metric (RTA_PRIORITY)
 * @param mtu RTAX_MTU metric
 * @param advmss RTAX_ADVMSS metric
 * @param protocol who installed it (RTPROT_*: 2 kernel, 3 boot, 4 static...)
 */
public record Route(InetAddress destination, int destinationLength, Optional<InetAddress> gateway,
                    OptionalInt linkIndex, Scope scope, int table, OptionalInt priority, OptionalInt mtu,
                    OptionalInt advmss, int protocol, RouteType type, Optional<InetAddress> preferredSource) {
    public Route {
        IpFamily family = IpFamily.of(destination);
        if (destinationLength < 0 || destinationLength > family.maxPrefixLength()) {
            throw new IllegalArgumentException("route destination length: " + destinationLength
                    + " is outside 0.." + family.maxPrefixLength());
        }
        if (gateway.isPresent() && IpFamily.of(gateway.get()) != family) {
            throw new IllegalArgumentException("route gateway: " + gateway.get().getHostAddress()
                    + " is not of the destination's family");
        }
        if (table <= 0) {
            throw new IllegalArgumentException("route table: invalid id " + table);
        }
    }

    /** A unicast route through {@code gateway} in the main table (scope universe, protocol boot). */
    public static Route via(InetAddress destination, int length, InetAddress gateway) {
        return new Route(destination, length, Optional.of(gateway), OptionalInt.empty(), Scope.UNIVERSE,
                RtnetlinkConstants.RT_TABLE_MAIN, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                RtnetlinkConstants.RTPROT_BOOT, RouteType.UNICAST, Optional.empty());
    }

    /** A unicast route straight out of a link in the main table (scope link, protocol boot). */
    public static Route onLink(InetAddress destination, int length, int linkIndex) {
        return new Route(destination, length, Optional.empty(), OptionalInt.of(linkIndex), Scope.LINK,
                RtnetlinkConstants.RT_TABLE_MAIN, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                RtnetlinkConstants.RTPROT_BOOT, RouteType.UNICAST, Optional.empty());
    }

    public Route withLink(int index) {
        return new Route(destination, destinationLength, gateway, OptionalInt.of(index), scope, table, priority,
                mtu, advmss, protocol, type, preferredSource);
    }

    public Route withScope(Scope s) {
        return new Route(destination, destinationLength, gateway, linkIndex, s, table, priority, mtu, advmss,
                protocol, type, preferredSource);
    }

    public Route withTable(int t) {
        return new Route(destination, destinationLength, gateway, linkIndex, scope, t, priority, mtu, advmss,
                protocol, type, preferredSource);
    }

    public Route withPriority(int p) {
        return new Route(destination, destinationLength, gateway, linkIndex, scope, table, OptionalInt.of(p), mtu,
                advmss, protocol, type, preferredSource);
    }

    public Route withMtu(int m) {
        return new Route(destination, destinationLength, gateway, linkIndex, scope, table, priority,
                OptionalInt.of(m), advmss, protocol, type, preferredSource);
    }

    public Route withAdvmss(int m) {
        return new Route(destination, destinationLength, gateway, linkIndex, scope, table, priority, mtu,
                OptionalInt.of(m), protocol, type, preferredSource);
    }

    public Route withProtocol(int p) {
        return new Route(destination, destinationLength, gateway, linkIndex, scope, table, priority, mtu, advmss,
                p, type, preferredSource);
    }

    public Route withPreferredSource(InetAddress src) {
        return new Route(destination, destinationLength, gateway, linkIndex, scope, table, priority, mtu, advmss,
                protocol, type, Optional.of(src));
    }

    public IpFamily family() {
        return IpFamily.of(destination);
    }

    @Override
    public String toString() {
        return destination.getHostAddress() + "/" + destinationLength
                + gateway.map(g -> " via " + g.getHostAddress()).orElse("")
                + (linkIndex.isPresent() ? " dev ifindex " + linkIndex.getAsInt() : "")
                + " table " + table;
    }
}
