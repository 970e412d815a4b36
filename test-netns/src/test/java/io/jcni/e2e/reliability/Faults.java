package io.jcni.e2e.reliability;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * When to SIGKILL a plugin call: with probability {@code rate}, at a moment drawn uniformly from
 * zero to 1.5 times {@code mean}, the measured length of an undisturbed call (so kills land before,
 * during and after the kernel changes, whatever the machine's speed). Seeded: a failing run
 * prints its seed, {@code -Djcni.reliability.seed=S} replays the draws.
 */
final class Faults implements Supplier<Duration> {
    private final Random random;
    private final double rate;
    private final long meanNanos;
    private final AtomicLong injected = new AtomicLong();

    Faults(long seed, double rate, Duration mean) {
        this.random = new Random(seed);
        this.rate = rate;
        this.meanNanos = mean.toNanos();
    }

    static long seed() {
        String own = System.getProperty(Scale.PROPERTY + ".seed");
        return own != null ? Long.parseLong(own) : System.nanoTime();
    }

    @Override
    public synchronized Duration get() {
        if (random.nextDouble() >= rate) {
            return null;
        }
        injected.incrementAndGet();
        return Duration.ofNanos((long) (random.nextDouble() * 1.5 * meanNanos));
    }

    synchronized boolean chance(double p) {
        return random.nextDouble() < p;
    }

    long injected() {
        return injected.get();
    }
}
