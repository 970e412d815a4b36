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

    public boolean isIpv4() {
        return address.getAddress().length == 4;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
