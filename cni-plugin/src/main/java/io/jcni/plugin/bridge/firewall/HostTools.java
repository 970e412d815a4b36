package io.jcni.plugin.bridge.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs system tools (iptables-restore and friends) in the host network namespace the plugin
 * serves: plainly when that is the namespace the process is in, else through
 * {@code nsenter --net=PATH}. Tools are looked up in the usual system directories rather than on
 * {@code PATH}: plugin code never reads the environment, and runtimes hand plugins a bare one.
 */
public final class HostTools {
    static final List<Path> SEARCH_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"));
    private static final long TIMEOUT_SECONDS = 60;

    private final Optional<Path> netns;
    /** Processes this instance started: the firewall backends promise a budget, and tests count it. */
    private final AtomicInteger started = new AtomicInteger();

    /** @param netns the host namespace to run tools in; empty for the namespace this process is in */
    public HostTools(Optional<Path> netns) {
        this.netns = netns;
    }

    /** What a tool printed and how it ended. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    /** How many tool processes {@link #run} started through this instance. */
    public int processesStarted() {
        return started.get();
    }

    /** Whether {@code tool} is installed in one of the system directories. */
    public static boolean installed(String tool) {
        return find(tool).isPresent();
    }

    static Optional<Path> find(String tool) {
        return SEARCH_DIRS.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    /** Runs {@code tool args...} with {@code stdin}; a tool that cannot be started or hangs is a CNI error. */
    public Output run(String tool, List<String> args, String stdin) throws CniException {
        Path exe = find(tool).orElseThrow(() -> new CniException(ErrorCode.IO_FAILURE,
                tool + ": not installed", "looked in " + SEARCH_DIRS));
        List<String> argv = new ArrayList<>();
        if (netns.isPresent()) {
            Path nsenter = find("nsenter").orElseThrow(() -> new CniException(ErrorCode.IO_FAILURE,
                    "nsenter: not installed, needed to run " + tool + " in " + netns.get()));
            argv.add(nsenter.toString());
            argv.add("--net=" + netns.get());
        }
        argv.add(exe.toString());
        argv.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
            started.incrementAndGet();
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, tool + ": cannot start", e);
        }
        try {
            // Drain both pipes while writing stdin so a chatty tool cannot block on a full pipe.
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new CniException(ErrorCode.TRY_AGAIN_LATER, tool + ": no answer after " + TIMEOUT_SECONDS + " s");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, tool + ": cannot talk to it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(ErrorCode.TRY_AGAIN_LATER, tool + ": interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static CompletableFuture<String> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }
}
