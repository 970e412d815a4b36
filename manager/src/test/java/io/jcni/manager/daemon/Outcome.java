package io.jcni.manager.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one process printed and returned. */
record Outcome(int status, String stdout, String stderr) {
    /**
     * Runs {@code command}; with {@code inherit} false as a runtime runs a plugin, with exactly
     * {@code env} ({@code env -i}).
     */
    static Outcome run(List<String> command, Map<String, String> env, String stdin, boolean inherit)
            throws IOException, InterruptedException {
        return run(List.of(), command, env, stdin, inherit);
    }

    /** As {@link #run(List, Map, String, boolean)} behind {@code prefix} (e.g. {@code ip netns exec NAME}). */
    static Outcome run(List<String> prefix, List<String> command, Map<String, String> env, String stdin, boolean inherit)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(prefix);
        if (!inherit) {
            argv.addAll(List.of("/usr/bin/env", "-i"));
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.addAll(command);
        Path out = Files.createTempFile("jcni-it", ".out");
        Path err = Files.createTempFile("jcni-it", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + argv);
            return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
