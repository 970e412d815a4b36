package io.jcni.netlink.tc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reference plugin's token bucket arithmetic, with the values tc prints for its qdiscs. */
class TbfTest {
    /** This machine's /proc/net/psched (and that of every kernel since 2.6.x with hrtimers). */
    private static final PschedClock CLOCK = PschedClock.parse("000003e8 00000040 000f4240 3b9aca00\n");

    @Test
    void parsesTheClockOfCurrentKernels() {
        assertEquals(15.625, CLOCK.ticksPerUsec());
        // Older kernels with a nanosecond clock: t2us comes from the second word.
        assertEquals(1000.0, PschedClock.parse("00000001 000003e8 3b9aca00 3b9aca00").ticksPerUsec());
        assertThrows(IllegalArgumentException.class, () -> PschedClock.parse("1 2"));
    }

    @Test
    void eightMegabitWithTenKilobyteBurst() {
        // tc: "rate 8Mbit burst 10000b lat 25ms"
        Tbf t = Tbf.forBits(8_000_000, 80_000, CLOCK);
        assertEquals(1_000_000, t.rate());
        assertEquals(156_250, t.buffer()); // 10 ms at 1 MB/s, in ticks
        assertEquals(35_000, t.limit()); // 25 ms of traffic plus the burst
    }

    @Test
    void containerdsUnsetBurstWrapsLikeTheReference() {
        // math.MaxUint32 bits: 536870911 bytes, whose transmission time in ticks exceeds 32 bits.
        Tbf t = Tbf.forBits(8_000_000, 4_294_967_295L, CLOCK);
        assertEquals(1_000_000, t.rate());
        assertEquals((int) 8_388_607_984L, t.buffer());
        assertEquals(536_870_911 + 25_000, t.limit());
    }

    @Test
    void rateAbove32BitsKeepsAllBits() {
        Tbf t = Tbf.forBits(80_000_000_000L, 8_000_000, CLOCK);
        assertEquals(10_000_000_000L, t.rate());
        assertEquals(1_562, t.buffer()); // 100 us
    }

    @Test
    void refusesRatesBelowOneBytePerSecond() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tbf.forBits(7, 80, CLOCK));
        assertEquals("rate: 7 bits/s is below 1 byte/s", e.getMessage());
    }
}
