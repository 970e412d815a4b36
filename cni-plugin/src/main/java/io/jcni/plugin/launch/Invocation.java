package io.jcni.plugin.launch;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One plugin invocation as a runtime would make it, used to train the AOT cache.
 *
 * @param type       the executable it runs as
 * @param env        the {@code CNI_*} variables
 * @param stdin      the network config
 * @param exitStatus the status a healthy installation gives (error paths are trained too)
 */
public record Invocation(String type, Map<String, String> env, byte[] stdin, int exitStatus) {
    public Invocation {
        env = Map.copyOf(env);
        stdin = stdin.clone();
    }

    public static Invocation of(String type, Map<String, String> env, String stdin, int exitStatus) {
        return new Invocation(type, env, stdin.getBytes(StandardCharsets.UTF_8), exitStatus);
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public String toString() {
        return type + " " + env.getOrDefault("CNI_COMMAND", "?") + (exitStatus == 0 ? "" : " (error path)");
    }
}
