package io.jcni.plugin.bandwidth;

import io.jcni.conf.ErrorRange;

/**
 * The bandwidth plugin's own error codes, in {@link ErrorRange#BANDWIDTH}; a CHECK mismatch and
 * a refused change are the shared host codes of {@code io.jcni.plugin.kernel.HostErrors}.
 * Documented in docs/bandwidth.md.
 */
public final class BandwidthErrors {
    /** The host end of the pod's interface cannot be found (not a veth, or its peer is gone). */
    public static final int NO_HOST_INTERFACE = 160;

    private BandwidthErrors() {
    }
}
