package io.jcni.netlink;

import io.jcni.netlink.wire.RtnetlinkConstants;

import java.net.Inet4Address;
import java.net.InetAddress;

/** IPv4 or IPv6, with the address family number and address length netlink uses. */
public enum IpFamily {
    IPV4(RtnetlinkConstants.AF_INET, 4),
    IPV6(RtnetlinkConstants.AF_INET6, 16);

    private final int number;
    private final int addressLength;

    IpFamily(int number, int addressLength) {
        this.number = number;
        this.addressLength = addressLength;
    }

    public int number() {
        return number;
    }

    public int addressLength() {
        return addressLength;
    }

    /** Largest prefix length: 32 or 128. */
    public int maxPrefixLength() {
        return addressLength * 8;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
