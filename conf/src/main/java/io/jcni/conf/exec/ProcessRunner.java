package io.jcni.conf.exec;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way jcni starts a process (a delegated IPAM plugin, iptables-restore and friends): the
 * given argv with exactly the given environment (the invocation's, never the JVM's), stdin
 * written while stdout and stderr are drained, a timeout, and optionally inside another network
 * namespace through {@code nsenter --net=PATH}. Executables are found in the usual system
 * directories rather than on {@code PATH}: runtimes hand plugins a bare environment.
 *
 * <p>Safe for concurrent calls (the daemon serves many at once); counts the processes it started.
 */
public final class ProcessRunner {
    static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"));

    private final AtomicInteger started = new AtomicInteger();

    /** What a process printed and how it ended. */
    public record Output(int exitCode, byte[] stdout, String stderr) {
        public Output {
            stdout = stdout.clone();
        }

        @Override
        public byte[] stdout() {
            return stdout.clone();
        }

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** How many processes {@link #run} started through this instance. */
    public int processesStarted() {
        return started.get();
    }

    /** {@code tool} in the first system directory that has it as an executable. */
    public static Optional<Path> findSystemTool(String tool) {
        return SYSTEM_DIRS.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Runs {@code argv} (argv[0] an executable path) and waits for it. A process that cannot be
     * started is {@code IO_FAILURE}; one still running after {@code timeout} is killed and is
     * {@code TRY_AGAIN_LATER}. A non-zero exit is not an error here: the caller reads the output.
     *
     * @param name        what the errors call the process (e.g. {@code ipam plugin dhcp})
     * @param environment the complete environment of the process
     * @param netns       a network namespace to run it in; empty for the caller's
     */
    public Output run(String name, List<String> argv, Map<String, String> environment, byte[] stdin,
                      Duration timeout, Optional<Path> netns) throws CniException {
        List<String> command = new ArrayList<>();
        if (netns.isPresent()) {
            Path nsenter = findSystemTool("nsenter").orElseThrow(() -> new CniException(ErrorCode.IO_FAILURE,
                    name + ": nsenter is not installed, needed to run in " + netns.get(), "looked in " + SYSTEM_DIRS));
            command.add(nsenter.toString());
            command.add("--net=" + netns.get());
        }
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
            started.incrementAndGet();
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, name + ": cannot start " + argv.getFirst(), e);
        }
        try {
            // Drain both pipes while writing stdin so a chatty process cannot block on a full pipe.
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // it closed stdin early; its exit status and output tell what happened
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CniException(ErrorCode.TRY_AGAIN_LATER, name + ": no answer after " + timeout.toSeconds() + " s");
            }
            return new Output(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(ErrorCode.TRY_AGAIN_LATER, name + ": interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return s.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, Thread::startVirtualThread);
    }
}
