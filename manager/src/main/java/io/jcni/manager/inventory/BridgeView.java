package io.jcni.manager.inventory;

import io.jcni.netlink.link.Link;

import java.util.List;

/** A bridge of the host: its addresses, its ports, the networks that name it and the attachments on it. */
public record BridgeView(Link link, List<InterfaceAddress> addresses, List<Link> ports, List<String> networks,
                         List<AttachmentKey> attachments) {
    public BridgeView {
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
        attachments = List.copyOf(attachments);
    }
}
