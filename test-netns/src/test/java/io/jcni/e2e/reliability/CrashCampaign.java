package io.jcni.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.e2e.Inspect;
import io.jcni.e2e.Json;
import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import io.jcni.e2e.PluginSet;
import io.jcni.e2e.SandboxHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * ADD/DEL cycles of the full chain (bridge with masquerade, portmap, bandwidth: veths, nat chains,
 * an ifb per pod) where calls die by SIGKILL, then the runtime's recovery: DEL again (for some
 * pods after their namespace is gone), GC with the live attachments. What must hold afterwards:
 * the store, veths, ifbs and rules are exactly the live pods', no address has two holders, no
 * temporary file is left; and once the live pods are DELeted, the host is as before the first.
 */
final class CrashCampaign {
    private static final Pattern POD_ADDRESS = Pattern.compile("10\\.61\\.\\d+\\.\\d+|fd00:61::[0-9a-f:]*[0-9a-f]");
    private static final Set<String> NETWORK_ADDRESSES = Set.of("10.61.0.0", "10.61.0.1", "10.61.255.255", "fd00:61::1");

    final SandboxHost host;
    private final boolean gc;
    private int liveAtRecovery;
    final Path dataDir;
    final Faults faults;
    private final Lab lab;
    private final Chain chain;
    private final HostState baseline;
    final List<Attached> live = new CopyOnWriteArrayList<>();
    private final Map<String, NetnsPod> pendingDel = new ConcurrentHashMap<>();
    final AtomicInteger failedAdds = new AtomicInteger();
    final AtomicInteger killsLanded = new AtomicInteger();
    final AtomicInteger failedDels = new AtomicInteger();
    final AtomicInteger retriedDels = new AtomicInteger();
    final AtomicInteger netnsGoneBeforeDel = new AtomicInteger();
    final AtomicInteger leftToGc = new AtomicInteger();

    /** The full chain in {@code host}; a warm-up pod's ADD and DEL set the baseline and time a call. */
    CrashCampaign(Lab lab, PluginSet plugins, Path dir, double killRate) {
        this(lab, plugins, dir, killRate, true);
    }

    /**
     * Without {@code gc} (the reference plugins stop at spec 1.0.0, which has no GC) the conflist
     * is 1.0.0 and the recovery is DEL again for every pod whose DEL failed.
     */
    CrashCampaign(Lab lab, PluginSet plugins, Path dir, double killRate, boolean gc) {
        this.lab = lab;
        this.gc = gc;
        this.host = lab.host();
        this.dataDir = dir.resolve("ipam");
        ObjectNode conflist = Crowd.bridgeConflist(gc ? "1.1.0" : "1.0.0", dataDir);
        ObjectNode portmap = conflist.withArray("plugins").addObject().put("type", "portmap");
        portmap.putObject("capabilities").put("portMappings", true);
        conflist.withArray("plugins").addObject().put("type", "bandwidth")
                .put("ingressRate", 80_000_000).put("ingressBurst", 800_000)
                .put("egressRate", 40_000_000).put("egressBurst", 800_000);
        Chain plain = new Chain(plugins, host, conflist);
        NetnsPod warm = lab.netnsPod();
        Chain.Outcome add = plain.withRuntimeConfig(runtimeConfig(0)).add("warm-up", "eth0", warm.netnsPath());
        assertTrue(add.ok(), add.last().describe());
        Duration perCall = add.last().took();
        Chain.Outcome del = plain.withRuntimeConfig(runtimeConfig(0)).del("warm-up", "eth0", warm.netnsPath(), add.result());
        assertTrue(del.ok(), del.last().describe());
        baseline = HostState.of(host, dataDir);
        long seed = Faults.seed();
        Figures.record("crash", "seed " + seed + " (replay: -D" + Scale.PROPERTY + ".seed=" + seed + ")");
        this.faults = new Faults(seed, killRate, perCall);
        this.chain = plain.withFaults(faults);
        // One pod that lives through it all, so GC always has a live attachment to keep.
        NetnsPod anchor = lab.netnsPod();
        Chain.Outcome anchored = plain.withRuntimeConfig(runtimeConfig(0)).add("crash-0", "eth0", anchor.netnsPath());
        assertTrue(anchored.ok(), anchored.last().describe());
        live.add(new Attached("crash-0", anchor, anchored.result()));
    }

    /** What the runtime passes with every call of pod {@code pod} (ADD and DEL alike, as libcni does). */
    static ObjectNode runtimeConfig(int pod) {
        ObjectNode rc = Json.object();
        rc.putArray("portMappings").addObject().put("hostPort", 20000 + pod).put("containerPort", 80)
                .put("protocol", "tcp");
        return rc;
    }

    /** Namespaces for {@code n} pods, made up front (the lab registry is not thread-safe). */
    List<NetnsPod> pods(int n) {
        List<NetnsPod> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(lab.netnsPod());
        }
        return pods;
    }

    /** Runs one ADD (and, for a failed or unlucky pod, a DEL) of every pod, {@code threads} at a time. */
    void cycles(List<NetnsPod> pods, int threads) throws Exception {
        cycles(pods, threads, 1);
    }

    /** As {@link #cycles(List, int)}, the pods numbered from {@code first} (IDs and host ports stay unique). */
    void cycles(List<NetnsPod> pods, int threads, int first) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < pods.size(); i++) {
            int n = first + i;
            NetnsPod pod = pods.get(i);
            tasks.add(() -> {
                cycle(n, pod);
                return null;
            });
        }
        Crowd.all(threads, tasks);
    }

    private void cycle(int n, NetnsPod pod) {
        String id = "crash-" + n;
        Chain c = chain.withRuntimeConfig(runtimeConfig(n));
        Chain.Outcome add = c.add(id, "eth0", pod.netnsPath());
        if (!add.ok()) {
            failedAdds.incrementAndGet();
        }
        if (add.killed()) {
            killsLanded.incrementAndGet();
        }
        if (add.ok() && faults.chance(0.5)) {
            live.add(new Attached(id, pod, add.result()));
            return;
        }
        // A failed ADD is followed by a DEL, as runtimes do; so is the end of a pod's life.
        Chain.Outcome del = c.del(id, "eth0", pod.netnsPath(), add.ok() ? add.result() : null);
        if (del.killed()) {
            killsLanded.incrementAndGet();
        }
        if (del.ok()) {
            pod.close();
        } else {
            failedDels.incrementAndGet();
            pendingDel.put(id, pod);
        }
    }

    /** The runtime's recovery: DEL again (some after the netns vanished), or leave it to GC; then GC. */
    void recover() {
        Chain calm = chain.withFaults(() -> null);
        for (Map.Entry<String, NetnsPod> e : pendingDel.entrySet()) {
            boolean netnsGone = faults.chance(0.5);
            if (netnsGone) {
                e.getValue().close();
                netnsGoneBeforeDel.incrementAndGet();
            }
            if (!gc || faults.chance(0.7)) {
                Chain.Outcome del = calm.withRuntimeConfig(runtimeConfig(number(e.getKey())))
                        .del(e.getKey(), "eth0", e.getValue().netnsPath(), null);
                assertTrue(del.ok(), "DEL again of " + e.getKey() + (netnsGone ? " (netns gone)" : "") + ": "
                        + del.last().describe());
                retriedDels.incrementAndGet();
            } else {
                leftToGc.incrementAndGet();
            }
            e.getValue().close();
        }
        pendingDel.clear();
        Map<String, String> valid = new HashMap<>();
        live.forEach(a -> valid.put(a.containerId(), "eth0"));
        liveAtRecovery = live.size();
        if (gc) {
            Chain.Outcome collected = calm.gc(valid);
            assertTrue(collected.ok(), "GC: " + collected.last().describe());
        }
    }

    /** Exactly the live pods' addresses, veths, ifbs and rules remain; each address has one holder. */
    void assertOnlyTheLiveRemain() throws Exception {
        Map<String, String> expected = new HashMap<>();
        Set<String> veths = new TreeSet<>();
        for (Attached a : live) {
            for (boolean ipv6 : List.of(false, true)) {
                String previous = expected.put(a.ip(ipv6), a.containerId());
                assertEquals(null, previous, a.ip(ipv6) + " believed held by " + previous + " and " + a.containerId());
            }
            veths.add(a.hostVeth());
        }
        Path store = dataDir.resolve(Crowd.NETWORK);
        Map<String, String> stored = new HashMap<>();
        for (String address : Inspect.reservations(store)) {
            String content = Files.readString(store.resolve(address), StandardCharsets.UTF_8);
            stored.put(address, content.contains("\r\n") ? content.substring(0, content.indexOf("\r\n")) : "<" + content + ">");
        }
        assertEquals(expected, stored, "reservations: exactly the live pods', each by its holder");
        try (Stream<Path> files = Files.list(store)) {
            List<String> other = files.map(f -> f.getFileName().toString())
                    .filter(f -> !stored.containsKey(f) && !f.equals("lock") && !f.startsWith("last_reserved_ip."))
                    .toList();
            assertEquals(List.of(), other, "temporary or stray files in the store");
        }
        assertEquals(veths, new TreeSet<>(Inspect.links(host, "veth")), "host veths: the live pods'");
        assertEquals(live.size(), Inspect.links(host, "ifb").size(), "one ifb per live pod");
        HostState now = HostState.of(host);
        Set<String> mentioned = new TreeSet<>();
        Matcher m = POD_ADDRESS.matcher(now.parts().get("iptables") + now.parts().get("nft"));
        while (m.find()) {
            if (!NETWORK_ADDRESSES.contains(m.group())) {
                mentioned.add(m.group());
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), mentioned, "pod addresses the firewall rules name");
    }

    /** What is left that no live pod explains, counted: for the reference, which has no GC. */
    String leaks() throws Exception {
        Set<String> liveAddresses = new TreeSet<>();
        Set<String> liveVeths = new TreeSet<>();
        for (Attached a : live) {
            liveAddresses.add(a.ip(false));
            liveAddresses.add(a.ip(true));
            liveVeths.add(a.hostVeth());
        }
        Path store = dataDir.resolve(Crowd.NETWORK);
        long reservations = Inspect.reservations(store).stream().filter(r -> !liveAddresses.contains(r)).count();
        long veths = Inspect.links(host, "veth").stream().filter(v -> !liveVeths.contains(v)).count();
        long ifbs = Inspect.links(host, "ifb").size() - live.size();
        HostState now = HostState.of(host);
        Set<String> ruleAddresses = new TreeSet<>();
        Matcher m = POD_ADDRESS.matcher(now.parts().get("iptables") + now.parts().get("nft"));
        while (m.find()) {
            if (!NETWORK_ADDRESSES.contains(m.group()) && !liveAddresses.contains(m.group())) {
                ruleAddresses.add(m.group());
            }
        }
        long chains = now.parts().get("iptables").lines().filter(l -> l.startsWith(":CNI-DN-")).count() / 2
                - live.size();
        return String.format("%d reservations, %d veths, %d ifbs, %d rules' addresses, %d portmap chains"
                + " that no live pod holds", reservations, veths, ifbs, ruleAddresses.size(), Math.max(0, chains));
    }

    /** DEL of every live pod: the host is then as the warm-up pod's DEL left it. */
    void delTheLiveAndAssertNothingLeft() {
        Chain calm = chain.withFaults(() -> null);
        for (Attached a : live) {
            Chain.Outcome del = calm.withRuntimeConfig(runtimeConfig(number(a.containerId())))
                    .del(a.containerId(), "eth0", a.pod().netnsPath(), a.result());
            assertTrue(del.ok(), "DEL " + a.containerId() + ": " + del.last().describe());
        }
        live.clear();
        HostState after = HostState.of(host, dataDir);
        assertEquals(baseline, after, after.diff(baseline));
    }

    private static int number(String containerId) {
        return Integer.parseInt(containerId.substring(containerId.lastIndexOf('-') + 1));
    }

    String summary(int cycles) {
        return String.format("%d cycles, %d kills drawn (%d landed before the call ended), %d ADDs failed, %d DELs failed; recovery: %d DELs again"
                        + " (%d after the netns vanished), %d left to GC; %d pods live at recovery; leaks: none",
                cycles, faults.injected(), killsLanded.get(), failedAdds.get(), failedDels.get(), retriedDels.get(),
                netnsGoneBeforeDel.get(), leftToGc.get(), liveAtRecovery);
    }
}
