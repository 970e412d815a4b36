package io.jcni.netlink.neigh;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.MacAddress;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * An ARP (IPv4) or NDP (IPv6) neighbour cache entry.
 *
 * @param mac link-layer address; empty while unresolved
 * @param flags ndm_flags (NTF_*)
 */
public record Neighbour(int linkIndex, InetAddress address, Optional<MacAddress> mac, Set<NeighbourState> state,
                        int flags) {
    public Neighbour {
        state = Set.copyOf(state);
        if (linkIndex <= 0) {
            throw new IllegalArgumentException("neighbour link: invalid ifindex " + linkIndex);
        }
    }

    /** A permanent entry mapping {@code address} to {@code mac}. */
    public static Neighbour permanent(int linkIndex, InetAddress address, MacAddress mac) {
        return new Neighbour(linkIndex, address, Optional.of(mac), Set.of(NeighbourState.PERMANENT), 0);
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + mac.map(m -> " lladdr " + m).orElse("") + " on ifindex " + linkIndex;
    }
}
