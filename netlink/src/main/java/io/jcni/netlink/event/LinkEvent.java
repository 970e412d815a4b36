package io.jcni.netlink.event;

import io.jcni.netlink.link.Link;

import java.util.Objects;

/** A link was created or changed ({@link Change#NEW}, with its new state) or deleted (its last state). */
public record LinkEvent(Change change, Link link) implements NetlinkEvent {
    public LinkEvent {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(link, "link");
    }
}
