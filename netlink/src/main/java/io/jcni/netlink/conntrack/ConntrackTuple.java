package io.jcni.netlink.conntrack;

import io.jcni.netlink.IpFamily;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One direction of a tracked connection: addresses, IP protocol number and, for protocols with
 * ports (TCP, UDP, SCTP, ...), the ports; 0 where the protocol has none.
 */
public record ConntrackTuple(InetAddress source, InetAddress destination, int protocol, int sourcePort,
                             int destinationPort) {
    public ConntrackTuple {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (IpFamily.of(source) != IpFamily.of(destination)) {
            throw new IllegalArgumentException("conntrack tuple: " + source.getHostAddress() + " and "
                    + destination.getHostAddress() + " are of different families");
        }
    }

    public IpFamily family() {
        return IpFamily.of(source);
    }

    @Override
    public String toString() {
        return "proto " + protocol + " " + source.getHostAddress() + ":" + sourcePort + " -> "
                + destination.getHostAddress() + ":" + destinationPort;
    }
}
