package io.jcni.plugin.portmap;

/** The portmap plugin's own error codes (the spec leaves 100 and up to plugins); the same numbers as the bridge's. */
public final class PortmapErrors {
    /** CHECK: a rule the mappings need is missing; the message names it. */
    public static final int STATE_DIFFERS = 100;
    /** A firewall or kernel change was refused; the details carry the tool's or kernel's words. */
    public static final int CHANGE_REFUSED = 101;

    private PortmapErrors() {
    }
}
