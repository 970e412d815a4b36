package io.jcni.plugin.firewall;

/**
 * The firewall plugin's own error codes (the spec leaves 100 and up to plugins; the firewall
 * plugin uses 130-139). Documented in docs/firewall.md.
 */
public final class FirewallErrors {
    /** CHECK: a rule or chain the pod's addresses need is missing; the message names it. */
    public static final int STATE_DIFFERS = 130;
    /** A firewall change was refused; the details carry the tool's or kernel's words. */
    public static final int CHANGE_REFUSED = 131;
    /** The configured {@code backend} cannot be used on this host (e.g. no firewalld on the system bus). */
    public static final int BACKEND_UNAVAILABLE = 132;

    private FirewallErrors() {
    }
}
