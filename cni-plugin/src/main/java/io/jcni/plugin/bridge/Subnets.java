package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Prefix arithmetic the bridge needs on CNI addresses (which keep their host bits). */
public final class Subnets {
    private Subnets() {
    }

    /** The subnet a CNI address names: host bits cleared, same prefix length. */
    public static IpPrefix network(IpPrefix p) {
        byte[] b = p.address().getAddress();
        for (int bit = p.prefixLength(); bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpPrefix(address(b), p.prefixLength());
    }

    /** The whole address as a host prefix: /32 or /128. */
    public static IpPrefix host(InetAddress a) {
        return new IpPrefix(a, a.getAddress().length * 8);
    }

    /** Whether {@code a} lies inside {@code p}'s subnet. */
    public static boolean contains(IpPrefix p, InetAddress a) {
        return a.getAddress().length == p.address().getAddress().length
                && network(p).equals(network(new IpPrefix(a, p.prefixLength())));
    }

    static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
