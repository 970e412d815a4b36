package io.jcni.plugin.bridge;

/**
 * The bridge plugin's own error codes (the spec leaves 100 and up to plugins). Documented in the
 * README's troubleshooting section.
 */
public final class BridgeErrors {
    /** CHECK: the kernel state differs from prevResult; the message says what differs. */
    public static final int STATE_DIFFERS = 100;
    /** A firewall or kernel change was refused; the details carry the tool's or kernel's words. */
    public static final int CHANGE_REFUSED = 101;
    /** The kernel lacks a feature a config option needs (e.g. bridge VLAN filtering for {@code vlan}). */
    public static final int UNSUPPORTED_BY_KERNEL = 102;

    /** ADD: the pod interface (or the host veth name derived for it) already exists. */
    public static final int ALREADY_EXISTS = 103;

    private BridgeErrors() {
    }
}
