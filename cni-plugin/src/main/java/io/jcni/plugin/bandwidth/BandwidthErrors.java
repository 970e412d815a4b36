package io.jcni.plugin.bandwidth;

/** The bandwidth plugin's own error codes (the spec leaves 100 and up to plugins). */
final class BandwidthErrors {
    /** CHECK: the qdiscs, filter or ifb device differ from the config; the message says what. */
    static final int STATE_DIFFERS = 100;
    /** The host interface of the pod cannot be found from prevResult and the pod's interface. */
    static final int NO_HOST_INTERFACE = 104;

    private BandwidthErrors() {
    }
}
