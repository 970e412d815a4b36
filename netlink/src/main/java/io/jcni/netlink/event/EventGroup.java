package io.jcni.netlink.event;

/** The rtnetlink multicast groups a subscription can join (RTNLGRP_* from linux/rtnetlink.h). */
public enum EventGroup {
    /** Links created, changed (up/down, master, MTU...) and deleted. */
    LINK(1),
    /** IPv4 addresses added and removed. */
    IPV4_ADDRESS(5),
    /** IPv6 addresses added, changed (e.g. DAD finished) and removed. */
    IPV6_ADDRESS(9);

    private final int number;

    EventGroup(int number) {
        this.number = number;
    }

    /** RTNLGRP_* value, as passed to NETLINK_ADD_MEMBERSHIP. */
    public int number() {
        return number;
    }
}
