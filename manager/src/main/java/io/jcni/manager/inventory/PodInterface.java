package io.jcni.manager.inventory;

import io.jcni.netlink.link.Link;

import java.nio.file.Path;
import java.util.List;

/** The pod end of a host veth: the namespace it is in (a path naming it) and the link there. */
public record PodInterface(Path netns, Link link, List<InterfaceAddress> addresses) {
    public PodInterface {
        addresses = List.copyOf(addresses);
    }
}
