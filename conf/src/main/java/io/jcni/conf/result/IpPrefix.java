package io.jcni.conf.result;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address with a prefix length, as CNI writes it ({@code 10.1.2.3/24}): the address keeps its
 * host bits, so it names both an interface address and its subnet. Also jcni's one place of
 * prefix arithmetic (subnet, first and last address, containment).
 */
public record IpPrefix(InetAddress address, int prefixLength) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + address);
        }
    }

    /** Parses {@code ADDRESS/LENGTH}; anything else is an {@link IllegalArgumentException}. */
    public static IpPrefix parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR \"" + text + "\": want ADDRESS/LENGTH");
        }
        InetAddress address = IpText.parse(text.substring(0, slash));
        String len = text.substring(slash + 1);
        int max = address.getAddress().length * 8;
        if (!len.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(len) > max) {
            throw new IllegalArgumentException("invalid CIDR \"" + text + "\": prefix length must be 0 to " + max);
        }
        return new IpPrefix(address, Integer.parseInt(len));
    }

    /** The whole address as a host prefix: /32 or /128. */
    public static IpPrefix host(InetAddress a) {
        return new IpPrefix(a, a.getAddress().length * 8);
    }

    /** The subnet this prefix names: host bits cleared, same prefix length. */
    public IpPrefix subnet() {
        return new IpPrefix(firstAddress(), prefixLength);
    }

    /** The subnet's first address (host bits cleared). */
    public InetAddress firstAddress() {
        return mask(false);
    }

    /** The subnet's last address (host bits set): the IPv4 broadcast address. */
    public InetAddress lastAddress() {
        return mask(true);
    }

    /** Whether {@code a} is of this family and lies inside this subnet. */
    public boolean contains(InetAddress a) {
        return a.getAddress().length == address.getAddress().length
                && firstAddress().equals(new IpPrefix(a, prefixLength).firstAddress());
    }

    /** Whether the two subnets share an address. */
    public boolean overlaps(IpPrefix other) {
        return contains(other.firstAddress()) || other.contains(firstAddress());
    }

    private InetAddress mask(boolean hostBitsSet) {
        byte[] b = address.getAddress();
        for (int bit = prefixLength; bit < b.length * 8; bit++) {
            int m = 0x80 >>> (bit % 8);
            b[bit / 8] = (byte) (hostBitsSet ? b[bit / 8] | m : b[bit / 8] & ~m);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    public boolean isIpv4() {
        return address.getAddress().length == 4;
    }

    @Override
    public String toString() {
        return IpText.format(address) + "/" + prefixLength;
    }
}
