package io.jcni.plugin.launch;

import com.fasterxml.jackson.databind.node.TextNode;
import io.jcni.conf.Json;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Plugins;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The invocations install.sh runs once under {@code -XX:AOTCacheOutput} so that the AOT cache
 * holds the classes (and profiles) real invocations use. Each goes through the launchers' own
 * path ({@link Main#serve}); one whose plugin type is not registered is skipped. A plugin that wants
 * its hot path archived adds its invocations to {@link #invocations(Path, List)}; they must only touch
 * the scratch directory. Invocations that change a network namespace (bridge, firewall) run only when
 * install.sh has given the training JVM a private one ({@link #trainBridge}).
 */
public final class Training {
    /** Set by install.sh when it runs the training in a network namespace of its own: the one it left. */
    public static final String OUTER_NETNS_VARIABLE = "JCNI_TRAINING_OUTER_NETNS";
    private static final String CONTAINER = "jcni-aot-training";

    private Training() {
    }

    /** Runs every applicable invocation; 0 when each ended with its expected status. */
    static int run(Path scratch, PrintStream report) {
        System.getenv(); // as every launch does
        List<String> types = Plugins.load().types();
        int failures = runAll(invocations(scratch, types), types, report);
        if (types.contains("bridge")) {
            if (inPrivateNetns()) {
                failures += trainBridge(scratch, report);
            } else {
                report.println("jcni training: bridge ADD/DEL skipped (and firewall's): not in a private network namespace"
                        + " (install.sh runs the training under unshare --net when it is root)");
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static int runAll(List<Invocation> invocations, List<String> types, PrintStream report) {
        int failures = 0;
        for (Invocation inv : invocations) {
            if (!types.contains(inv.type())) {
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.serve(inv.type(), inv.env(), new ByteArrayInputStream(inv.stdin()), out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            if (status != inv.exitStatus()) {
                failures++;
                report.println("jcni training: " + inv + " exited " + status + ", expected " + inv.exitStatus()
                        + ": " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
            } else {
                report.println("jcni training: " + inv + " ok");
            }
        }
        return failures;
    }

    /**
     * Bridge ADD creates a bridge, firewall rules and sysctls in the namespace it runs in, so it is
     * trained only when install.sh has put the training JVM in a namespace of its own (which
     * vanishes with it) and said so; the pod is a named namespace removed afterwards.
     */
    private static int trainBridge(Path scratch, PrintStream report) {
        String pod = "jcni-train-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        NetNamespace.create(pod).close();
        try {
            Path podPath = NetNamespace.RUN_DIR.resolve(pod);
            List<Invocation> changing = new ArrayList<>(bridge(scratch, podPath));
            changing.addAll(firewall(podPath));
            changing.addAll(BandwidthTraining.invocations(podPath));
            return runAll(changing, Plugins.load().types(), report);
        } finally {
            NetNamespace.delete(pod);
        }
    }

    /**
     * install.sh names, in {@value #OUTER_NETNS_VARIABLE}, the namespace it runs in (its inode
     * number) before it puts the training in a new one; the training's own must be another.
     */
    private static boolean inPrivateNetns() {
        String outer = System.getenv(OUTER_NETNS_VARIABLE);
        if (outer == null || outer.isBlank()) {
            return false;
        }
        try {
            return !Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString().equals("net:[" + outer + "]");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The training invocations for the registered {@code types}; scratch space is {@code scratch}. */
    public static List<Invocation> invocations(Path scratch, List<String> types) {
        List<Invocation> list = new ArrayList<>();
        for (String type : types) {
            list.add(Invocation.of(type, Map.of("CNI_COMMAND", "VERSION"), "", 0));
        }
        if (!types.isEmpty()) {
            // The error path (error object, log line) is part of every plugin's life too.
            list.add(Invocation.of(types.getFirst(), Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", CONTAINER,
                    "CNI_NETNS", "/proc/self/ns/net", "CNI_IFNAME", "eth0"), "{\"cniVersion\":", Dispatcher.EXIT_ERROR));
        }
        if (types.contains("host-local")) {
            list.addAll(hostLocal(scratch));
        }
        return list;
    }

    /** An ADD/DEL pair as bridge delegates it: type bridge, ipam.type host-local. */
    private static List<Invocation> hostLocal(Path scratch) {
        Path dataDir = scratch.resolve("host-local");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String config = """
                {"cniVersion":"1.1.0","name":"jcni-training","type":"bridge",
                 "ipam":{"type":"host-local","dataDir":%s,
                         "ranges":[[{"subnet":"198.51.100.0/24"}]],
                         "routes":[{"dst":"0.0.0.0/0"}]}}
                """.formatted(jsonString(dataDir.toString()));
        Map<String, String> add = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", CONTAINER,
                "CNI_NETNS", "/proc/self/ns/net", "CNI_IFNAME", "eth0", "CNI_PATH", "");
        Map<String, String> del = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", CONTAINER,
                "CNI_IFNAME", "eth0", "CNI_PATH", "");
        return List.of(
                Invocation.of("host-local", add, config, 0),
                Invocation.of("host-local", del, config, 0));
    }

    /** An ADD/DEL pair of the bridge with masquerading, pod namespace {@code pod}. */
    public static List<Invocation> bridge(Path scratch, Path pod) {
        String config = """
                {"cniVersion":"1.1.0","name":"jcni-training","type":"bridge","bridge":"jcni-train0",
                 "isGateway":true,"ipMasq":true,
                 "ipam":{"type":"host-local","dataDir":%s,"ranges":[[{"subnet":"198.51.100.0/24"}]]}}
                """.formatted(jsonString(scratch.resolve("bridge-ipam").toString()));
        Map<String, String> add = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", CONTAINER,
                "CNI_NETNS", pod.toString(), "CNI_IFNAME", "eth0", "CNI_PATH", "");
        Map<String, String> del = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", CONTAINER,
                "CNI_NETNS", pod.toString(), "CNI_IFNAME", "eth0", "CNI_PATH", "");
        return List.of(Invocation.of("bridge", add, config, 0), Invocation.of("bridge", del, config, 0));
    }

    /** ADD/DEL pairs of the firewall plugin, both backends, as chained after the bridge. */
    static List<Invocation> firewall(Path pod) {
        List<Invocation> list = new ArrayList<>();
        for (String backend : List.of("iptables", "nftables")) {
            String config = """
                    {"cniVersion":"1.1.0","name":"jcni-training","type":"firewall","backend":"%s",
                     "prevResult":{"cniVersion":"1.1.0","interfaces":[{"name":"jcni-train0"}],
                                   "ips":[{"address":"198.51.100.2/24","interface":0},{"address":"2001:db8::2/64","interface":0}]}}
                    """.formatted(backend);
            Map<String, String> add = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", CONTAINER,
                    "CNI_NETNS", pod.toString(), "CNI_IFNAME", "eth0", "CNI_PATH", "");
            Map<String, String> del = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", CONTAINER,
                    "CNI_NETNS", pod.toString(), "CNI_IFNAME", "eth0", "CNI_PATH", "");
            list.add(Invocation.of("firewall", add, config, 0));
            list.add(Invocation.of("firewall", del, config, 0));
        }
        return list;
    }

    private static String jsonString(String s) {
        return new String(Json.compact(TextNode.valueOf(s)), StandardCharsets.UTF_8);
    }
}
