package io.jcni.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pod held by a pause process, as a container runtime makes one: a process in fresh network, IPC
 * and UTS namespaces ({@code lab.sh pod}); its network namespace is {@code /proc/PID/ns/net}. The
 * process is a child of this JVM, so it is reaped when it stops and leaves no zombie behind.
 */
public final class PausePod implements Pod, AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final long pid;

    private PausePod(String name, Process process, long pid) {
        this.name = name;
        this.process = process;
        this.pid = pid;
    }

    public static PausePod start() {
        String name = Names.unique("pod");
        Process process;
        try {
            process = new ProcessBuilder(LabScript.command("pod", name))
                    .redirectInput(new File("/dev/null"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start lab.sh pod", e);
        }
        try {
            // lab.sh prints the PID only once the namespaces exist.
            long pid = Long.parseLong(firstLine(process).strip());
            if (pid != process.pid()) {
                throw new IllegalStateException("lab.sh pod printed PID " + pid + ", expected " + process.pid());
            }
            return new PausePod(name, process, pid);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String firstLine(Process process) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String first = reader.readLine();
                if (first == null) {
                    throw new IllegalStateException("lab.sh pod exited without printing a PID");
                }
                return first;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        try {
            return line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("lab.sh pod printed no PID within " + START_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("lab.sh pod failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    @Override
    public Path netnsPath() {
        return Path.of("/proc", Long.toString(pid), "ns", "net");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            LabScript.run("down", name);
        } finally {
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
