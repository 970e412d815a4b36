package io.jcni.plugin.bridge;

import io.jcni.plugin.rules.Sha512;

/**
 * The host end of a pod's veth pair: {@code veth} + the first 8 hex digits of
 * SHA-512(containerID + ":" + ifname). The reference plugin picks 8 random hex digits; deriving
 * them instead lets DEL, CHECK and GC find the host end from (container ID, ifname) alone. The
 * colon cannot occur in an ifname, so different pairs never hash the same text. 32 bits make a
 * clash between two live pods unlikely (about 1 in 10^4 with 1000 pods on one host); ADD reports
 * a clash as an error naming the link instead of reusing it.
 */
public final class HostVethName {
    public static final String PREFIX = "veth";

    private HostVethName() {
    }

    public static String of(String containerId, String ifname) {
        return PREFIX + Sha512.hexPrefix(containerId + ":" + ifname, 8);
    }

    /**
     * The bridge end of the veth pair of a VLAN gateway ({@link VlanGateway}), derived from the
     * gateway's name. That text has no colon, so it never hashes the same as a pod's.
     */
    public static String ofVlanGateway(String gatewayName) {
        return PREFIX + Sha512.hexPrefix(gatewayName + "/vlan-gateway", 8);
    }

    /** Whether {@code name} has the shape this class produces (and the reference plugin's). */
    public static boolean looksLike(String name) {
        return name.length() == PREFIX.length() + 8 && name.startsWith(PREFIX)
                && name.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
