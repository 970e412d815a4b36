package io.jcni.ipam;

/**
 * The plugin-specific CNI error codes (100 and above) that host-local and static raise. The
 * reference plugins report these cases with Go's catch-all code 999; distinct codes let a runtime
 * or an operator tell them apart.
 */
public final class IpamErrors {
    /** A range set has no free address left; the message names the network and the set. */
    public static final int RANGE_EXHAUSTED = 100;
    /** A requested address is taken, is a gateway, lies outside every range set, or two were requested for one set. */
    public static final int ADDRESS_UNAVAILABLE = 101;
    /** The attachment (container ID and ifname) already holds an address in the range set. */
    public static final int ALREADY_ALLOCATED = 102;
    /** CHECK: the attachment holds no address in a range set, or not the one its previous result names. */
    public static final int NOT_ALLOCATED = 103;

    private IpamErrors() {
    }
}
