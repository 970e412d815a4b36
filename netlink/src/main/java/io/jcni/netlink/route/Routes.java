package io.jcni.netlink.route;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Scope;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtMsg;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_DST;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_GATEWAY;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_METRICS;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_OIF;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_PREFSRC;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_PRIORITY;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTA_TABLE;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTAX_ADVMSS;
import static io.jcni.netlink.wire.RtnetlinkConstants.RTAX_MTU;

/** Route operations of one handle. */
public final class Routes {
    private final NetlinkSocket socket;

    public Routes(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Adds the route; EEXIST if an equal one exists. */
    public void add(Route route) {
        socket.execute("add route", route.toString(), addMessage(route));
    }

    /** Adds the route or replaces the one with the same destination, table and priority. */
    public void replace(Route route) {
        socket.execute("replace route", route.toString(), replaceMessage(route));
    }

    /**
     * Deletes the route matching destination, table and whichever of gateway, link and priority
     * are given; ESRCH if none matches.
     */
    public void delete(Route route) {
        socket.execute("delete route", route.toString(), deleteMessage(route));
    }

    /** Every route of that family in every table (cache clones left out). */
    public List<Route> list(IpFamily family) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETROUTE, 0);
        new RtMsg(family.number(), 0, 0, 0, 0, 0, 0, 0, 0).writeTo(w);
        List<Route> out = new ArrayList<>();
        for (Message m : socket.dump("list routes", family.name(), w)) {
            Route r = parse(m);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The routes of that family in one table (e.g. 254, main). */
    public List<Route> list(IpFamily family, int table) {
        return list(family).stream().filter(r -> r.table() == table).toList();
    }

    public static MessageWriter addMessage(Route r) {
        return changeMessage(r, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
    }

    public static MessageWriter replaceMessage(Route r) {
        return changeMessage(r, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_REPLACE);
    }

    private static MessageWriter changeMessage(Route r, int flags) {
        if (r.scope() == Scope.OTHER) {
            throw new IllegalArgumentException("route scope: " + r + " needs a named scope");
        }
        if (r.type() == RouteType.UNICAST && r.gateway().isEmpty() && r.linkIndex().isEmpty()) {
            throw new IllegalArgumentException("route: " + r + " needs a gateway or an output link");
        }
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWROUTE, flags);
        header(w, r, r.protocol(), r.scope().number(), r.type().number());
        r.preferredSource().ifPresent(s -> w.attrInet(RTA_PREFSRC, s));
        if (r.mtu().isPresent() || r.advmss().isPresent()) {
            w.nested(RTA_METRICS, m -> {
                r.mtu().ifPresent(v -> m.attrU32(RTAX_MTU, v));
                r.advmss().ifPresent(v -> m.attrU32(RTAX_ADVMSS, v));
            });
        }
        return w;
    }

    public static MessageWriter deleteMessage(Route r) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_DELROUTE, 0);
        // Protocol, scope and type as wildcards: match what the caller named, nothing more.
        header(w, r, RtnetlinkConstants.RTPROT_UNSPEC, RtnetlinkConstants.RT_SCOPE_NOWHERE, RouteType.UNSPEC.number());
        return w;
    }

    private static void header(MessageWriter w, Route r, int protocol, int scope, int type) {
        // rtm_table has 8 bits; RTA_TABLE carries any id.
        int smallTable = r.table() < 256 ? r.table() : RtnetlinkConstants.RT_TABLE_UNSPEC;
        new RtMsg(r.family().number(), r.destinationLength(), 0, 0, smallTable, protocol, scope, type, 0).writeTo(w);
        w.attrU32(RTA_TABLE, r.table());
        if (r.destinationLength() > 0) {
            w.attrInet(RTA_DST, r.destination());
        }
        r.gateway().ifPresent(g -> w.attrInet(RTA_GATEWAY, g));
        r.linkIndex().ifPresent(i -> w.attrU32(RTA_OIF, i));
        r.priority().ifPresent(p -> w.attrU32(RTA_PRIORITY, p));
    }

    /** Decodes an RTM_NEWROUTE message; null for kernel cache clones and families other than IP. */
    public static Route parse(Message m) {
        if (m.type() != RtnetlinkConstants.RTM_NEWROUTE) {
            throw new NetlinkParseException("expected RTM_NEWROUTE, got message type " + m.type());
        }
        Cursor c = m.body();
        RtMsg hdr = RtMsg.read(c);
        Attributes a = c.attributes();
        IpFamily family;
        if (hdr.family() == RtnetlinkConstants.AF_INET) {
            family = IpFamily.IPV4;
        } else if (hdr.family() == RtnetlinkConstants.AF_INET6) {
            family = IpFamily.IPV6;
        } else {
            return null;
        }
        if ((hdr.flags() & RtnetlinkConstants.RTM_F_CLONED) != 0) {
            return null;
        }
        InetAddress dst = a.get(RTA_DST).map(Attribute::inetAddress).orElseGet(() -> zero(family));
        if (IpFamily.of(dst) != family || hdr.dstLength() > family.maxPrefixLength()) {
            throw new NetlinkParseException("route message with destination " + dst + "/" + hdr.dstLength()
                    + " in family " + family);
        }
        Optional<InetAddress> gateway = a.get(RTA_GATEWAY).map(Attribute::inetAddress);
        if (gateway.isPresent() && IpFamily.of(gateway.get()) != family) {
            throw new NetlinkParseException("route gateway " + gateway.get() + " of the wrong family");
        }
        int table = a.get(RTA_TABLE).map(Attribute::u32).orElse(hdr.table());
        Optional<Attributes> metrics = a.get(RTA_METRICS).map(Attribute::nested);
        return new Route(dst, hdr.dstLength(), gateway, optional(a.get(RTA_OIF)), Scope.of(hdr.scope()),
                table <= 0 ? RtnetlinkConstants.RT_TABLE_MAIN : table,
                optional(a.get(RTA_PRIORITY)),
                optional(metrics.flatMap(x -> x.get(RTAX_MTU))),
                optional(metrics.flatMap(x -> x.get(RTAX_ADVMSS))),
                hdr.protocol(), RouteType.of(hdr.type()),
                a.get(RTA_PREFSRC).map(Attribute::inetAddress));
    }

    private static OptionalInt optional(Optional<Attribute> attr) {
        return attr.map(x -> OptionalInt.of(x.u32())).orElse(OptionalInt.empty());
    }

    private static InetAddress zero(IpFamily family) {
        try {
            return InetAddress.getByAddress(new byte[family.addressLength()]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
