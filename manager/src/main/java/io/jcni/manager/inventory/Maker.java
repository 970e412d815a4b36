package io.jcni.manager.inventory;

/** Which plugins made an attachment, as far as what they left tells. */
public enum Maker {
    /** jcni's bridge: the host veth carries the alias {@code jcni:NETWORK:CONTAINERID:IFNAME} */
    JCNI("jcni"),
    /** a host veth on the network's bridge without jcni's alias: the reference plugins' */
    REFERENCE("reference"),
    /** nothing on the host tells (no host veth left) */
    UNKNOWN("-");

    private final String label;

    Maker(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
