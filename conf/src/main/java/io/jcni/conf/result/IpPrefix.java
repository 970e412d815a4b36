package io.jcni.conf.result;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address with a prefix length, as CNI writes it ({@code 10.1.2.3/24}): the address keeps its
 * host bits, so it names both an interface address and its subnet.
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

    public boolean isIpv4() {
        return address.getAddress().length == 4;
    }

    @Override
    public String toString() {
        return IpText.format(address) + "/" + prefixLength;
    }
}
