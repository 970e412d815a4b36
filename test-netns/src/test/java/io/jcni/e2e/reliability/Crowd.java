package io.jcni.e2e.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.e2e.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The network every reliability test shares in shape: one dual-stack gateway bridge, one host-local store. */
final class Crowd {
    static final String NETWORK = "jt-rel";
    static final String SUBNET4 = "10.61.0.0/16";
    static final String SUBNET6 = "fd00:61::/64";

    private Crowd() {
    }

    /** Bridge with masquerade and dual-stack host-local in {@code dataDir}, spec {@code version}. */
    static ObjectNode bridgeConflist(String version, Path dataDir) {
        ObjectNode root = Json.object().put("cniVersion", version).put("name", NETWORK);
        ObjectNode bridge = root.putArray("plugins").addObject();
        bridge.put("type", "bridge").put("bridge", "cni0").put("isGateway", true).put("ipMasq", true);
        ObjectNode ipam = bridge.putObject("ipam").put("type", "host-local").put("dataDir", dataDir.toString());
        ipam.putArray("ranges").add(Json.object().arrayNode().add(Json.object().put("subnet", SUBNET4)))
                .add(Json.object().arrayNode().add(Json.object().put("subnet", SUBNET6)));
        return root;
    }

    /** Runs every task on {@code threads} threads at once and returns their results in order. */
    static <T> List<T> all(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(10, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The {@code q} quantile (0..1) of {@code samples}, nearest rank. */
    static Duration quantile(List<Duration> samples, double q) {
        List<Duration> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    static String ms(Duration d) {
        return String.format("%.1f ms", d.toNanos() / 1e6);
    }
}
