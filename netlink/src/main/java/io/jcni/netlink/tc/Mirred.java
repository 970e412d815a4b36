package io.jcni.netlink.tc;

/**
 * The {@code mirred} action (struct tc_mirred): mirror or redirect a packet to another link.
 *
 * @param direction {@link #EGRESS_REDIRECT} and friends (TCA_*_REDIR / _MIRROR)
 * @param ifindex the link packets go to
 * @param verdict what happens to the packet afterwards ({@link #STOLEN}, {@link #PASS}, {@link #PIPE})
 */
public record Mirred(int direction, int ifindex, int verdict) {
    public static final int EGRESS_REDIRECT = 1;
    public static final int EGRESS_MIRROR = 2;
    public static final int INGRESS_REDIRECT = 3;
    public static final int INGRESS_MIRROR = 4;

    /** TC_ACT_OK, printed by tc as {@code pass}. */
    public static final int PASS = 0;
    public static final int PIPE = 3;
    public static final int STOLEN = 4;

    /** {@code action mirred egress redirect dev IFINDEX}, which steals the packet. */
    public static Mirred egressRedirect(int ifindex) {
        return new Mirred(EGRESS_REDIRECT, ifindex, STOLEN);
    }
}
