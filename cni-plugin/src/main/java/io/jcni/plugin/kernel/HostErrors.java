package io.jcni.plugin.kernel;

/**
 * Error codes every plugin that changes the host or the pod raises (the {@code HOST} range of
 * {@link io.jcni.conf.ErrorRange}): the same failure has the same code whichever plugin hit it.
 * Documented in the README's troubleshooting section.
 */
public final class HostErrors {
    /** CHECK: the kernel state differs from prevResult or the config; the message says what differs. */
    public static final int STATE_DIFFERS = 110;
    /** A firewall or kernel change was refused; the details carry the tool's or kernel's words. */
    public static final int CHANGE_REFUSED = 111;
    /** The kernel lacks a feature a config option needs (e.g. bridge VLAN filtering for {@code vlan}). */
    public static final int UNSUPPORTED_BY_KERNEL = 112;
    /** ADD: an interface the plugin must create (or the name derived for it) already exists. */
    public static final int ALREADY_EXISTS = 113;

    private HostErrors() {
    }
}
