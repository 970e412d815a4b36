package io.jcni.e2e.reliability;

import io.jcni.e2e.Netns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        Thread.ofVirtual().start(() -> {
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // killed before it read its stdin: part of the injected fault
            }
        });
        try {
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
            return new Call(process.exitValue(), out.get(), err.get(), killed, took);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the output of " + command, e.getCause());
        }
    }

    /**
     * Reads a pipe to its end. A process killed at once races the JDK's reaper, which closes the
     * pipe's stream under the reader ("Stream closed"): what was read by then is the output.
     */
    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(chunk)) >= 0; ) {
                    read.write(chunk, 0, n);
                }
            } catch (IOException closedByTheReaper) {
                // fall through with what arrived
            }
            result.complete(read.toString(StandardCharsets.UTF_8));
        });
        return result;
    }
}
