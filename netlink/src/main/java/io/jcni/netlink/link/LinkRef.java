package io.jcni.netlink.link;

import io.jcni.netlink.ns.NetNamespace;

import java.util.Objects;

/** A link by its ifindex in the namespace that holds it. */
public record LinkRef(NetNamespace ns, int index) {
    public LinkRef {
        Objects.requireNonNull(ns, "ns");
        if (index <= 0) {
            throw new IllegalArgumentException("ifindex must be positive: " + index);
        }
    }
}
