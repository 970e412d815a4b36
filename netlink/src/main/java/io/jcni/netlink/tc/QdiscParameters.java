package io.jcni.netlink.tc;

/** The options of a qdisc kind jcni creates and decodes ({@code TCA_OPTIONS}). */
public sealed interface QdiscParameters permits Tbf, Htb {
    /** The qdisc kind these parameters belong to ({@code tbf}, {@code htb}). */
    String kind();
}
