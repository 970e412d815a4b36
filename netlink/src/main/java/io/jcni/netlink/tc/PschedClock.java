package io.jcni.netlink.tc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packet scheduler's clock from {@code /proc/net/psched}: how many scheduler ticks make a
 * microsecond. tbf's {@code buffer} is given in ticks, so converting a burst needs it.
 *
 * @param ticksPerUsec ticks per microsecond (15.625 on current kernels)
 */
public record PschedClock(double ticksPerUsec) {
    private static final double USEC_PER_SEC = 1_000_000.0;
    private static final Path PSCHED = Path.of("/proc/net/psched");

    /** The running kernel's clock. */
    public static PschedClock read() {
        try {
            return parse(Files.readString(PSCHED));
        } catch (IOException e) {
            throw new UncheckedIOException("read " + PSCHED, e);
        }
    }

    /** Parses the four hex words of /proc/net/psched (t2us, us2t, clock resolution, hrtimer resolution). */
    public static PschedClock parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("/proc/net/psched: expected 4 hex numbers, got \"" + text.trim() + "\"");
        }
        long t2us = Long.parseLong(parts[0], 16);
        long us2t = Long.parseLong(parts[1], 16);
        long resolution = Long.parseLong(parts[2], 16);
        if (resolution == 1_000_000_000L) {
            // Older kernels' nanosecond clock reports t2us in the second word, as iproute2's tc_core handles it.
            t2us = us2t;
        }
        if (us2t == 0) {
            throw new IllegalArgumentException("/proc/net/psched: zero divisor in \"" + text.trim() + "\"");
        }
        return new PschedClock((double) t2us / us2t * (resolution / USEC_PER_SEC));
    }

    /** Microseconds to ticks, truncated to 32 bits like the unsigned field it goes into. */
    public int ticks(long usec) {
        return GoConversions.toUint32(usec * ticksPerUsec);
    }
}
