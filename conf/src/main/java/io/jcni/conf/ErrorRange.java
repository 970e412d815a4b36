package io.jcni.conf;

import java.util.Optional;

/**
 * The registry of plugin-specific error codes (the spec leaves 100 and up to plugins): ten codes
 * per range, one range per plugin or concern, so no two plugins give one number two meanings.
 * Each range's codes are constants in its own class (e.g. {@code IpamErrors},
 * {@code HostErrors}); a test checks every constant lies in its range.
 */
public enum ErrorRange {
    /** host-local and static IPAM ({@code io.jcni.ipam.IpamErrors}). */
    IPAM(100),
    /** Kernel and host state, shared by every plugin ({@code io.jcni.plugin.kernel.HostErrors}). */
    HOST(110),
    /** Reserved for bridge-only failures. */
    BRIDGE(120),
    PORTMAP(130),
    FIREWALL(140),
    TUNING(150),
    BANDWIDTH(160),
    LOOPBACK(170),
    /** The bridge-manager daemon and its client. */
    DAEMON(180);

    /** Codes per range. */
    public static final int SIZE = 10;

    private final int first;

    ErrorRange(int first) {
        this.first = first;
    }

    public int first() {
        return first;
    }

    public int last() {
        return first + SIZE - 1;
    }

    public boolean contains(int code) {
        return code >= first && code <= last();
    }

    /** The range {@code code} belongs to, if any. */
    public static Optional<ErrorRange> of(int code) {
        for (ErrorRange r : values()) {
            if (r.contains(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
