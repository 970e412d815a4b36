package io.jcni.netlink.event;

import io.jcni.netlink.addr.Address;

import java.util.Objects;

/** An address was added or changed ({@link Change#NEW}) or removed ({@link Change#DELETED}). */
public record AddressEvent(Change change, Address address) implements NetlinkEvent {
    public AddressEvent {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(address, "address");
    }
}
