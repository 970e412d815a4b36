package io.jcni.plugin.firewall;

import java.util.Arrays;
import java.util.Optional;

/** The values of the {@code backend} option. */
enum Backend {
    IPTABLES("iptables"), NFTABLES("nftables"), FIREWALLD("firewalld");

    final String text;

    Backend(String text) {
        this.text = text;
    }

    static Optional<Backend> of(String text) {
        return Arrays.stream(values()).filter(b -> b.text.equals(text)).findFirst();
    }
}
