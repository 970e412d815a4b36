package io.jcni.plugin.bridge.firewall;

import java.util.Optional;

/** {@code ipMasqBackend}: which firewall the masquerade rules go to. */
public enum MasqueradeBackend {
    IPTABLES("iptables"),
    NFTABLES("nftables");

    private final String text;

    MasqueradeBackend(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static Optional<MasqueradeBackend> parse(String s) {
        for (MasqueradeBackend b : values()) {
            if (b.text.equals(s)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
