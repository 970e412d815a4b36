package io.jcni.netlink.event;

/** A decoded notification from the kernel: something about a link or an address changed. */
public sealed interface NetlinkEvent permits LinkEvent, AddressEvent {
    /** Whether the object now exists (created or changed) or is gone. */
    enum Change {
        /** Created or changed: RTM_NEWLINK, RTM_NEWADDR. */
        NEW,
        /** Deleted: RTM_DELLINK, RTM_DELADDR. */
        DELETED
    }

    Change change();
}
