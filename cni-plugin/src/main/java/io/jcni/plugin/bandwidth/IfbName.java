package io.jcni.plugin.bandwidth;

import io.jcni.plugin.rules.Sha512;

/**
 * The ifb device that shapes a pod's egress: {@code bwp} and the first 12 hex digits of SHA-512
 * over network name and container ID, the reference's name, so either implementation finds the
 * device the other made.
 */
public final class IfbName {
    private static final String PREFIX = "bwp";
    private static final int LENGTH = 15;

    private IfbName() {
    }

    public static String of(String network, String containerId) {
        return PREFIX + Sha512.hexPrefix(network + containerId, LENGTH - PREFIX.length());
    }
}
