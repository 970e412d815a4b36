package io.jcni.netlink.socket;

import io.jcni.netlink.wire.NetlinkConstants;

/** The netlink families we talk to. */
public enum NetlinkProtocol {
    /** rtnetlink: links, addresses, routes, neighbours. */
    ROUTE(NetlinkConstants.NETLINK_ROUTE),
    /** nfnetlink: nf_tables and the other netfilter subsystems. */
    NETFILTER(NetlinkConstants.NETLINK_NETFILTER);

    private final int number;

    NetlinkProtocol(int number) {
        this.number = number;
    }

    /** The protocol number passed to socket(2). */
    public int number() {
        return number;
    }
}
