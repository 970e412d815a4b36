package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One plugin call a runtime made, as {@code cri-lab.sh bindir --log} recorded it: the plugin, the
 * {@code CNI_*} variables, the config on stdin and the exit code.
 */
public record CniCall(String plugin, Map<String, String> env, JsonNode stdin, int exitCode, String stdout) {

    public String command() {
        return env.getOrDefault("CNI_COMMAND", "");
    }

    public String containerId() {
        return env.getOrDefault("CNI_CONTAINERID", "");
    }

    public boolean withoutNetns() {
        return env.getOrDefault("CNI_NETNS", "").isEmpty();
    }

    public JsonNode runtimeConfig() {
        return stdin.path("runtimeConfig");
    }

    @Override
    public String toString() {
        return plugin + " " + command() + " " + containerId() + (withoutNetns() ? " (no netns)" : "") + " -> " + exitCode
                + (exitCode == 0 ? "" : " " + stdout);
    }

    /**
     * The calls in a log of blocks {@code == START PLUGIN VERB}, the {@code CNI_*} lines, the stdin,
     * {@code -> END rc=N STDOUT} (the wrapper's format).
     */
    static List<CniCall> parse(Path log) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CniCall> calls = new ArrayList<>();
        String plugin = null;
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode stdin = MissingNode.getInstance();
        for (String line : lines) {
            if (line.startsWith("== ")) {
                String[] words = line.split(" ");
                plugin = words.length > 2 ? words[2] : "";
                env = new LinkedHashMap<>();
                stdin = MissingNode.getInstance();
            } else if (plugin == null) {
                continue;
            } else if (line.startsWith("CNI_") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            } else if (line.startsWith("{") && stdin.isMissingNode()) {
                stdin = Json.parse(line);
            } else if (line.startsWith("-> ")) {
                String[] words = line.split(" ", 4);
                int rc = Integer.parseInt(words[2].substring("rc=".length()));
                calls.add(new CniCall(plugin, Map.copyOf(env), stdin, rc, words.length > 3 ? words[3] : ""));
                plugin = null;
            }
        }
        return calls;
    }
}
