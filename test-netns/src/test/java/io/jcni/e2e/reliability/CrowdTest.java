package io.jcni.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.e2e.AddResult;
import io.jcni.e2e.Inspect;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crowd of pods ADDed concurrently on one bridge and one host-local range, dual stack: every
 * address distinct, every pod reaches its gateway, the store and the kernel agree; then all DELs
 * at once leave the host as it was. Throughput and ADD latency go to {@link Figures}.
 * Pods: 12 (short), 200 (long); 8 (short) or 16 (long) calls at a time.
 */
abstract class CrowdTest {
    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path dir;

    abstract PluginSet plugins();

    @Test
    void crowdAddsDistinctReachableAddressesAndDelsLeaveNothing() throws Exception {
        int pods = Scale.count("crowd", 12, 200);
        int threads = Scale.count("concurrency", 8, 16);
        SandboxHost host = lab.host();
        Path dataDir = dir.resolve("ipam");
        Chain chain = new Chain(plugins(), host, Crowd.bridgeConflist("1.0.0", dataDir));

        // A first pod brings up the bridge and the base rules (and warms a daemon): the baseline.
        NetnsPod first = lab.netnsPod();
        Chain.Outcome warm = chain.add("warm-up", "eth0", first.netnsPath());
        assertTrue(warm.ok(), warm.last().describe());
        Chain.Outcome warmDel = chain.del("warm-up", "eth0", first.netnsPath(), warm.result());
        assertTrue(warmDel.ok(), warmDel.last().describe());
        HostState baseline = HostState.of(host, dataDir);

        List<NetnsPod> crowd = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            crowd.add(lab.netnsPod());
        }
        List<Callable<Chain.Outcome>> adds = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            NetnsPod pod = crowd.get(i);
            String id = "crowd-" + i;
            adds.add(() -> chain.add(id, "eth0", pod.netnsPath()));
        }
        long start = System.nanoTime();
        List<Chain.Outcome> added = Crowd.all(threads, adds);
        Duration addWall = Duration.ofNanos(System.nanoTime() - start);

        Set<String> v4 = new HashSet<>();
        Set<String> v6 = new HashSet<>();
        Map<String, String> holders = new HashMap<>();
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            Chain.Outcome o = added.get(i);
            assertTrue(o.ok(), "ADD crowd-" + i + ": " + o.last().describe());
            latencies.add(o.last().took());
            AddResult r = new AddResult(o.result());
            assertTrue(v4.add(r.ip(false)), "IPv4 address handed out twice: " + r.ip(false));
            assertTrue(v6.add(r.ip(true)), "IPv6 address handed out twice: " + r.ip(true));
            holders.put(r.ip(false), "crowd-" + i);
            holders.put(r.ip(true), "crowd-" + i);
        }

        // Every pod reaches its gateway, both families, and its kernel addresses are its result's.
        List<Callable<String>> checks = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            NetnsPod pod = crowd.get(i);
            AddResult r = new AddResult(added.get(i).result());
            checks.add(() -> {
                for (boolean ipv6 : List.of(false, true)) {
                    var ping = pod.ping(r.gateway(ipv6));
                    if (!ping.ok()) {
                        return pod.name() + " cannot reach " + r.gateway(ipv6) + ": " + ping.describe();
                    }
                }
                List<String> kernel = Inspect.addresses(pod, "eth0");
                if (!kernel.containsAll(List.of(r.address(false), r.address(true)))) {
                    return pod.name() + ": kernel " + kernel + ", result " + r.address(false) + " " + r.address(true);
                }
                return "";
            });
        }
        for (String problem : Crowd.all(threads, checks)) {
            assertEquals("", problem);
        }
        Path store = dataDir.resolve(Crowd.NETWORK);
        Map<String, String> stored = new HashMap<>();
        for (String address : Inspect.reservations(store)) {
            String content = Files.readString(store.resolve(address), StandardCharsets.UTF_8);
            stored.put(address, content.substring(0, content.indexOf("\r\n")));
        }
        assertEquals(holders, stored, "the store holds exactly the addresses the results name, each for its pod");
        assertEquals(pods, Inspect.links(host, "veth").size(), "one host veth per pod");

        List<Callable<Chain.Outcome>> dels = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            NetnsPod pod = crowd.get(i);
            String id = "crowd-" + i;
            JsonNode cached = added.get(i).result();
            dels.add(() -> chain.del(id, "eth0", pod.netnsPath(), cached));
        }
        start = System.nanoTime();
        List<Chain.Outcome> deleted = Crowd.all(threads, dels);
        Duration delWall = Duration.ofNanos(System.nanoTime() - start);
        for (int i = 0; i < pods; i++) {
            assertTrue(deleted.get(i).ok(), "DEL crowd-" + i + ": " + deleted.get(i).last().describe());
        }
        HostState after = HostState.of(host, dataDir);
        assertEquals(baseline, after, after.diff(baseline));

        Figures.record("crowd " + plugins(), String.format(
                "%d pods, %d at a time: ADD %.1f pods/s, p50 %s, p99 %s; DEL %.1f pods/s; leaks: none",
                pods, threads, pods / (addWall.toNanos() / 1e9), Crowd.ms(Crowd.quantile(latencies, 0.5)),
                Crowd.ms(Crowd.quantile(latencies, 0.99)), pods / (delWall.toNanos() / 1e9)));
    }
}
