package io.jcni.e2e.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.e2e.Json;
import io.jcni.e2e.Netns;
import io.jcni.e2e.PluginSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A conflist run the way libcni runs it, with the plugin executables called directly: ADD through
 * the plugins in order (each gets the previous result), DEL in reverse with the cached result,
 * GC to each plugin with the live attachments. Every call may be killed ({@link #faults}).
 */
final class Chain {
    private final PluginSet plugins;
    private final Netns host;
    private final ObjectNode conflist;
    private final JsonNode runtimeConfig;
    private final Supplier<Duration> faults;

    /** {@code faults} says for each call when to SIGKILL it (null: never). */
    Chain(PluginSet plugins, Netns host, ObjectNode conflist, JsonNode runtimeConfig, Supplier<Duration> faults) {
        this.plugins = plugins;
        this.host = host;
        this.conflist = conflist;
        this.runtimeConfig = runtimeConfig;
        this.faults = faults;
    }

    Chain(PluginSet plugins, Netns host, ObjectNode conflist) {
        this(plugins, host, conflist, Json.object(), () -> null);
    }

    Chain withFaults(Supplier<Duration> newFaults) {
        return new Chain(plugins, host, conflist, runtimeConfig, newFaults);
    }

    /** The same chain with the runtime's capability arguments for one pod (portMappings, bandwidth). */
    Chain withRuntimeConfig(JsonNode newRuntimeConfig) {
        return new Chain(plugins, host, conflist, newRuntimeConfig, faults);
    }

    /** What one ADD or DEL of the chain gave: the last call's outcome, and whether any was killed. */
    record Outcome(Call last, boolean killed, JsonNode result) {
        boolean ok() {
            return last.ok();
        }
    }

    Outcome add(String containerId, String ifname, Path netns) {
        JsonNode prev = null;
        Call call = null;
        for (JsonNode plugin : conflist.path("plugins")) {
            ObjectNode conf = pluginConfig(plugin, prev);
            call = run(plugin, "ADD", env("ADD", containerId, ifname, netns), conf);
            if (!call.ok()) {
                return new Outcome(call, call.killed(), null);
            }
            prev = Json.parse(call.stdout());
        }
        return new Outcome(call, false, prev);
    }

    /** DEL in reverse order, {@code cached} the ADD's result (null when the runtime has none). */
    Outcome del(String containerId, String ifname, Path netns, JsonNode cached) {
        List<JsonNode> reversed = new ArrayList<>();
        conflist.path("plugins").forEach(p -> reversed.addFirst(p));
        Call call = null;
        for (JsonNode plugin : reversed) {
            call = run(plugin, "DEL", env("DEL", containerId, ifname, netns), pluginConfig(plugin, cached));
            if (!call.ok()) {
                return new Outcome(call, call.killed(), null);
            }
        }
        return new Outcome(call, false, null);
    }

    /** GC (spec 1.1.0) to every plugin with {@code live} as cni.dev/valid-attachments: id to ifname. */
    Outcome gc(Map<String, String> live) {
        Call call = null;
        for (JsonNode plugin : conflist.path("plugins")) {
            ObjectNode conf = pluginConfig(plugin, null);
            ArrayNode valid = conf.putArray("cni.dev/valid-attachments");
            live.forEach((id, ifname) -> valid.addObject().put("containerID", id).put("ifname", ifname));
            Map<String, String> env = new HashMap<>(Map.of("CNI_COMMAND", "GC", "CNI_PATH", plugins.cniPath()));
            call = run(plugin, "GC", env, conf);
            if (!call.ok()) {
                return new Outcome(call, call.killed(), null);
            }
        }
        return new Outcome(call, false, null);
    }

    private Call run(JsonNode plugin, String verb, Map<String, String> env, ObjectNode conf) {
        String type = plugin.path("type").asText();
        Path executable = plugins.find(type).orElseThrow(() -> new IllegalStateException(plugins + " has no " + type));
        return Call.run(host, executable, env, Json.write(conf).getBytes(StandardCharsets.UTF_8), faults.get());
    }

    private Map<String, String> env(String verb, String containerId, String ifname, Path netns) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", verb);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_IFNAME", ifname);
        env.put("CNI_NETNS", netns == null ? "" : netns.toString());
        env.put("CNI_PATH", plugins.cniPath());
        return env;
    }

    /** The plugin's entry with the network's name and version, runtimeConfig for its capabilities, prevResult. */
    private ObjectNode pluginConfig(JsonNode plugin, JsonNode prev) {
        ObjectNode conf = ((ObjectNode) plugin).deepCopy();
        conf.put("cniVersion", conflist.path("cniVersion").asText()).put("name", conflist.path("name").asText());
        ObjectNode runtime = Json.object();
        plugin.path("capabilities").properties().forEach(cap -> {
            if (cap.getValue().asBoolean() && runtimeConfig.has(cap.getKey())) {
                runtime.set(cap.getKey(), runtimeConfig.get(cap.getKey()));
            }
        });
        if (!runtime.isEmpty()) {
            conf.set("runtimeConfig", runtime);
        }
        if (prev != null) {
            conf.set("prevResult", prev);
        }
        return conf;
    }
}
