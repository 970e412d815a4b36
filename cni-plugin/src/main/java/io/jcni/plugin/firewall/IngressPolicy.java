package io.jcni.plugin.firewall;

import java.util.Arrays;
import java.util.Optional;

/**
 * The values of {@code ingressPolicy}: {@code open} (the default) adds nothing; {@code same-bridge}
 * drops traffic forwarded from the pod's bridge to another bridge that also uses this policy.
 */
enum IngressPolicy {
    OPEN("open"), SAME_BRIDGE("same-bridge");

    final String text;

    IngressPolicy(String text) {
        this.text = text;
    }

    static Optional<IngressPolicy> of(String text) {
        return Arrays.stream(values()).filter(p -> p.text.equals(text)).findFirst();
    }
}
