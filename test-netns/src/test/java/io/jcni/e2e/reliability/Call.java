package io.jcni.e2e.reliability;

import io.jcni.e2e.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One plugin executable run as a runtime runs it (CNI_* environment, config on stdin) inside a
 * sandbox host, optionally killed with SIGKILL after {@code killAfter}. {@code nsenter --net}
 * execs the plugin, so the process killed is the plugin itself (the shim, or the JVM it became).
 */
record Call(int exitCode, String stdout, String stderr, boolean killed, Duration took) {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    boolean ok() {
        return exitCode == 0;
    }

    String describe() {
        return "exit " + exitCode + (killed ? " (killed)" : "") + "\n--- stdout\n" + stdout.strip()
                + "\n--- stderr\n" + stderr.strip();
    }

    static Call run(Netns host, Path executable, Map<String, String> env, byte[] stdin, Duration killAfter) {
        List<String> command = new ArrayList<>(host.inside(executable.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        // Output goes to files, not pipes: a process killed at once races the JDK's reaper, which
        // closes a pipe's stream under its reader and can lose what the plugin printed.
        Path out;
        Path err;
        try {
            out = Files.createTempFile("jt-call", ".out");
            err = Files.createTempFile("jt-call", ".err");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            Thread.ofVirtual().start(() -> {
                try (var in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // killed before it read its stdin: part of the injected fault
                }
            });
            boolean signalled = false;
            if (killAfter != null && !process.waitFor(killAfter.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                signalled = true;
            }
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("timed out after " + TIMEOUT + ": " + command);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // 128 + SIGKILL: the signal landed before the plugin exited on its own
            boolean killed = signalled && process.exitValue() == 137;
            return new Call(process.exitValue(), Files.readString(out), Files.readString(err), killed, took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // a temporary file of the test JVM
            }
        }
    }

}
