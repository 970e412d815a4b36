package io.jcni.plugin.launch;

import com.fasterxml.jackson.databind.node.TextNode;
import io.jcni.conf.Json;
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
 * the scratch directory (and namespaces they create and remove).
 */
public final class Training {
    private static final String CONTAINER = "jcni-aot-training";

    private Training() {
    }

    /** Runs every applicable invocation; 0 when each ended with its expected status. */
    static int run(Path scratch, PrintStream report) {
        System.getenv(); // as every launch does
        List<String> types = Plugins.load().types();
        int failures = 0;
        for (Invocation inv : invocations(scratch, types)) {
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
        return failures == 0 ? 0 : 1;
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
                """.formatted(new String(Json.compact(TextNode.valueOf(dataDir.toString())), StandardCharsets.UTF_8));
        Map<String, String> add = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", CONTAINER,
                "CNI_NETNS", "/proc/self/ns/net", "CNI_IFNAME", "eth0", "CNI_PATH", "");
        Map<String, String> del = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", CONTAINER,
                "CNI_IFNAME", "eth0", "CNI_PATH", "");
        return List.of(
                Invocation.of("host-local", add, config, 0),
                Invocation.of("host-local", del, config, 0));
    }
}
