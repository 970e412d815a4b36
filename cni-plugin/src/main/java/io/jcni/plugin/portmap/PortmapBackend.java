package io.jcni.plugin.portmap;

import java.util.Optional;

/** {@code backend}: where the port forwarding rules go. */
enum PortmapBackend {
    IPTABLES("iptables"),
    NFTABLES("nftables");

    private final String text;

    PortmapBackend(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static Optional<PortmapBackend> parse(String s) {
        for (PortmapBackend b : values()) {
            if (b.text.equals(s)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
