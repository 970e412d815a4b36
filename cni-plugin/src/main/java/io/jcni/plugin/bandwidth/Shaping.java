package io.jcni.plugin.bandwidth;

import java.util.List;

/**
 * One bandwidth entry: from the config's top level or the {@code bandwidth} capability. Rates in
 * bits per second, bursts in bits; 0 means unlimited. Ingress is traffic into the pod, egress
 * traffic out of it.
 */
record Shaping(long ingressRate, long ingressBurst, long egressRate, long egressBurst,
               List<String> unshapedSubnets, List<String> shapedSubnets) {
    Shaping {
        unshapedSubnets = List.copyOf(unshapedSubnets);
        shapedSubnets = List.copyOf(shapedSubnets);
    }

    /** Nothing to shape: ADD passes prevResult through untouched. */
    boolean isZero() {
        return ingressRate == 0 && ingressBurst == 0 && egressRate == 0 && egressBurst == 0;
    }

    boolean shapesIngress() {
        return ingressRate > 0 && ingressBurst > 0;
    }

    boolean shapesEgress() {
        return egressRate > 0 && egressBurst > 0;
    }
}
