package io.jcni.netlink.bench;

import io.jcni.netlink.Netlink;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.link.Bridge;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Veth;
import io.jcni.netlink.testing.ScratchNamespace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: creates, configures (address, up, master) and deletes N veth pairs on a
 * bridge inside a scratch namespace, once with our API and once with {@code ip -batch} in one
 * process, alternating, and prints the median wall time of each. The first run of our API is
 * reported apart (it includes class loading and JIT warm-up, which a one-shot plugin pays).
 *
 * <p>Run with {@code scripts/bench-netlink.sh [PAIRS] [RUNS]}.
 */
public final class VethChurnBenchmark {
    private VethChurnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Long> ours = new ArrayList<>();
        List<Long> ip = new ArrayList<>();
        long first = -1;
        for (int run = 0; run < runs; run++) {
            try (ScratchNamespace ns = ScratchNamespace.create("bench")) {
                long t = churnWithOurApi(ns, pairs);
                if (first < 0) {
                    first = t;
                } else {
                    ours.add(t);
                }
            }
            try (ScratchNamespace ns = ScratchNamespace.create("bench")) {
                ip.add(churnWithIpBatch(ns, pairs));
            }
        }
        System.out.printf("veth churn, %d pairs, %d runs, %d cores, load %s%n", pairs, runs,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
        System.out.printf("jcni netlink API, first run (cold JVM):   %8.1f ms%n", first / 1e6);
        if (!ours.isEmpty()) {
            System.out.printf("jcni netlink API, median of warm runs:    %8.1f ms%n", median(ours) / 1e6);
        }
        System.out.printf("ip -batch (one process), median:          %8.1f ms%n", median(ip) / 1e6);
        try (ScratchNamespace ns = ScratchNamespace.create("bench")) {
            List<Long> calls = new ArrayList<>();
            List<Long> opens = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                ns.namespace().call(() -> null);
                calls.add(System.nanoTime() - t);
                t = System.nanoTime();
                Netlink.open(ns.namespace()).close();
                opens.add(System.nanoTime() - t);
            }
            System.out.printf("NetNamespace.call (new thread, setns), median: %6.1f us%n", median(calls) / 1e3);
            System.out.printf("Netlink.open(ns) + close, median:              %6.1f us%n", median(opens) / 1e3);
        }
    }

    private static InetAddress address(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[]{10, (byte) (i / 200), (byte) (i % 200), 1});
    }

    /** Returns nanoseconds for the whole churn, bridge creation included. */
    static long churnWithOurApi(ScratchNamespace ns, int pairs) throws UnknownHostException {
        long start = System.nanoTime();
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("benchbr"));
            nl.links().setUp("benchbr");
            for (int i = 0; i < pairs; i++) {
                String name = "vb" + i;
                Link veth = nl.links().add(Veth.named(name, "vp" + i));
                nl.addresses().add(Address.of(veth.index(), address(i), 24));
                nl.links().setUp(name);
                nl.links().setMaster(name, br.index());
            }
            for (int i = 0; i < pairs; i++) {
                nl.links().delete("vb" + i);
            }
        }
        return System.nanoTime() - start;
    }

    /** The same commands for {@code ip -batch}, timed as a whole process (start to exit). */
    static long churnWithIpBatch(ScratchNamespace ns, int pairs) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        script.append("link add benchbr type bridge\nlink set benchbr up\n");
        for (int i = 0; i < pairs; i++) {
            String name = "vb" + i;
            script.append("link add ").append(name).append(" type veth peer name vp").append(i).append('\n');
            script.append("addr add ").append(address(i).getHostAddress()).append("/24 dev ").append(name).append('\n');
            script.append("link set ").append(name).append(" up\n");
            script.append("link set ").append(name).append(" master benchbr\n");
        }
        for (int i = 0; i < pairs; i++) {
            script.append("link del vb").append(i).append('\n');
        }
        Path file = Files.createTempFile("jcni-bench", ".ip");
        try {
            Files.writeString(file, script);
            long start = System.nanoTime();
            Process p = new ProcessBuilder("ip", "-n", ns.name(), "-batch", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = p.waitFor();
            long elapsed = System.nanoTime() - start;
            if (rc != 0) {
                throw new IllegalStateException("ip -batch failed with exit code " + rc);
            }
            return elapsed;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
