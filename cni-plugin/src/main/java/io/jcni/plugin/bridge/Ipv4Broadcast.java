package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.addr.Address;

/**
 * The reference plugins' netlink library gives every IPv4 address it adds the broadcast address of
 * its subnet (below /31, which has none); jcni does the same, so {@code ip addr} shows the pod and
 * the bridge gateway exactly as the reference leaves them.
 */
final class Ipv4Broadcast {
    private Ipv4Broadcast() {
    }

    static Address set(Address a) {
        if (a.family() != IpFamily.IPV4 || a.prefixLength() >= 31) {
            return a;
        }
        return a.withBroadcast(new IpPrefix(a.address(), a.prefixLength()).lastAddress());
    }
}
