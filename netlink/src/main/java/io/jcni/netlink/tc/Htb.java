package io.jcni.netlink.tc;

/**
 * Hierarchy token bucket qdisc parameters (struct tc_htb_glob).
 *
 * @param defaultClass minor number of the class unclassified packets go to ({@code default})
 * @param rate2quantum divisor turning a class's rate into its quantum ({@code r2q})
 * @param version the HTB version field; 3 for every kernel since 2.6
 */
public record Htb(int defaultClass, int rate2quantum, int version) implements QdiscParameters {
    /** tc's defaults: version 3, r2q 10. */
    public static Htb withDefault(int defaultClass) {
        return new Htb(defaultClass, 10, 3);
    }

    @Override
    public String kind() {
        return "htb";
    }
}
