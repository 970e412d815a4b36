package io.jcni.netlink.tc;

/**
 * Token bucket filter parameters as the kernel stores them (struct tc_tbf_qopt without a peak rate).
 *
 * @param rate bytes per second
 * @param buffer the bucket size in scheduler ticks ({@link PschedClock}), unsigned
 * @param limit bytes that may queue waiting for tokens, unsigned
 */
public record Tbf(long rate, int buffer, int limit) implements QdiscParameters {
    /** The latency bound the reference plugin derives the queue limit from. */
    public static final long LATENCY_USEC = 25_000;
    private static final double USEC_PER_SEC = 1_000_000.0;

    public Tbf {
        if (rate <= 0) {
            throw new IllegalArgumentException("tbf rate: " + rate + " bytes/s is not positive");
        }
    }

    @Override
    public String kind() {
        return "tbf";
    }

    /**
     * The qdisc the reference bandwidth plugin makes for a rate and burst in bits: bytes per
     * second, the burst as ticks of transmission time at that rate, and a limit of 25 ms of
     * traffic plus the burst.
     */
    public static Tbf forBits(long rateBits, long burstBits, PschedClock clock) {
        if (rateBits < 8) {
            throw new IllegalArgumentException("rate: " + Long.toUnsignedString(rateBits) + " bits/s is below 1 byte/s");
        }
        long rateBytes = Long.divideUnsigned(rateBits, 8);
        int burstBytes = (int) Long.divideUnsigned(burstBits, 8);
        double burstTime = Integer.toUnsignedLong(burstBytes) * USEC_PER_SEC / unsigned(rateBytes);
        int buffer = clock.ticks(Integer.toUnsignedLong(GoConversions.toUint32(burstTime)));
        int limit = GoConversions.toUint32(unsigned(rateBytes) * LATENCY_USEC / USEC_PER_SEC) + burstBytes;
        return new Tbf(rateBytes, buffer, limit);
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }
}
