package io.jcni.manager.inventory;

/** What a host rule does for a pod, as the plugin that wrote it says. */
public enum RuleKind {
    /** bridge {@code ipMasq}: source NAT for the pod's traffic leaving its subnet */
    MASQUERADE("masq"),
    /** portmap: host ports forwarded to the pod */
    PORTMAP("portmap"),
    /** firewall: the pod's forwarding accept rules */
    FIREWALL("firewall"),
    /** bridge {@code macspoofchk}: only the pod's MAC enters the bridge from its veth */
    SPOOFCHECK("spoofchk");

    private final String label;

    RuleKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
