package io.jcni.netlink.conntrack;

/**
 * A tracked connection: the tuple of its first packet, the tuple answers are expected with (which
 * shows any NAT), and its zone.
 */
public record ConntrackEntry(ConntrackTuple original, ConntrackTuple reply, int zone) {
}
