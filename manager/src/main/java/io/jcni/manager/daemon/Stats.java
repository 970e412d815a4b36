package io.jcni.manager.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code jcni daemon status} reports: uptime, calls served per type and verb, errors, and
 * latency percentiles per verb over the most recent calls. Safe for concurrent calls.
 */
public final class Stats {
    /** Latencies kept per verb: enough for stable percentiles, bounded memory. */
    static final int WINDOW = 4096;

    private final Instant started = Instant.now();
    private final Map<String, long[]> callsByTypeVerb = new TreeMap<>();
    private final Map<String, LatencyWindow> latencyByVerb = new TreeMap<>();
    private final LongAdder refusedPeers = new LongAdder();
    private final LongAdder brokenRequests = new LongAdder();

    /** One finished call. */
    public synchronized void call(String type, String verb, int exitStatus, long nanos) {
        long[] counts = callsByTypeVerb.computeIfAbsent(type + " " + verb, k -> new long[2]);
        counts[0]++;
        if (exitStatus != 0) {
            counts[1]++;
        }
        latencyByVerb.computeIfAbsent(verb, k -> new LatencyWindow()).add(nanos);
    }

    public void refusedPeer() {
        refusedPeers.increment();
    }

    public void brokenRequest() {
        brokenRequests.increment();
    }

    /** The report, one fact per line. */
    public synchronized String report() {
        StringBuilder b = new StringBuilder();
        Duration up = Duration.between(started, Instant.now());
        b.append("jcni daemon: running, pid ").append(ProcessHandle.current().pid()).append('\n');
        b.append(String.format("uptime: %dd %02dh %02dm %02ds%n", up.toDays(), up.toHoursPart(), up.toMinutesPart(),
                up.toSecondsPart()));
        long total = 0;
        long errors = 0;
        for (long[] c : callsByTypeVerb.values()) {
            total += c[0];
            errors += c[1];
        }
        b.append("calls: ").append(total).append(", errors: ").append(errors)
                .append(", refused peers: ").append(refusedPeers.sum())
                .append(", broken requests: ").append(brokenRequests.sum()).append('\n');
        callsByTypeVerb.forEach((k, c) -> b.append(String.format("  %-24s %8d calls %6d errors%n", k, c[0], c[1])));
        if (!latencyByVerb.isEmpty()) {
            b.append("latency (last ").append(WINDOW).append(" calls per verb):\n");
        }
        latencyByVerb.forEach((verb, w) -> b.append(String.format("  %-8s p50 %8.1f ms   p99 %8.1f ms%n", verb,
                w.percentile(50) / 1e6, w.percentile(99) / 1e6)));
        return b.toString();
    }

    private static final class LatencyWindow {
        private final long[] ring = new long[WINDOW];
        private long count;

        void add(long nanos) {
            ring[(int) (count++ % WINDOW)] = nanos;
        }

        long percentile(int p) {
            int n = (int) Math.min(count, WINDOW);
            long[] sorted = Arrays.copyOf(ring, n);
            Arrays.sort(sorted);
            // nearest rank
            int rank = (int) Math.ceil(p / 100.0 * n);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
