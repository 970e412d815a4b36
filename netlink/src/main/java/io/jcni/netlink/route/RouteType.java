package io.jcni.netlink.route;

/** rtm_type (RTN_*), in the kernel's numbering. */
public enum RouteType {
    UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE;

    public int number() {
        return ordinal();
    }

    public static RouteType of(int number) {
        RouteType[] all = values();
        return number >= 0 && number < all.length ? all[number] : UNSPEC;
    }
}
