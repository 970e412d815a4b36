package io.jcni.plugin.firewall;

import io.jcni.conf.ErrorRange;

/**
 * The firewall plugin's own error codes, in {@link ErrorRange#FIREWALL}; a missing rule (CHECK)
 * and a refused change are the shared host codes of {@code io.jcni.plugin.kernel.HostErrors}.
 * Documented in docs/firewall.md.
 */
public final class FirewallErrors {
    /** The configured {@code backend} cannot be used on this host (e.g. no firewalld on the system bus). */
    public static final int BACKEND_UNAVAILABLE = 140;

    private FirewallErrors() {
    }
}
