package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private containerd for one test, whose {@code ctr run --cni} uses the given plugins and network.
 *
 * <p>It runs in the sandbox host's network namespace and in its own mount and PID namespaces
 * ({@code unshare --pid --fork --kill-child --mount-proc --mount --propagation private}). The mount
 * namespace carries bind mounts of test directories over the fixed paths ctr and containerd use
 * (/etc/cni/net.d, /opt/cni/bin, /var/lib/cni, /run/containerd), so nothing is written there on the
 * machine. A bash is the PID namespace's init: it reaps the shims, which would otherwise stay
 * zombies, and when it ends the kernel kills whatever is left in the namespace.
 */
public final class Containerd implements AutoCloseable {
    /** The containerd namespace the tests use, also the prefix of CNI container IDs ("NS-ID"). */
    public static final String NAMESPACE = "jcni-e2e";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final SandboxHost host;
    private final SystemPathBinds binds;
    private final Process unshare;
    private final long init;
    private boolean closed;

    private Containerd(Path directory, SandboxHost host, SystemPathBinds binds, Process unshare, long init) {
        this.directory = directory;
        this.host = host;
        this.binds = binds;
        this.unshare = unshare;
        this.init = init;
    }

    /**
     * Starts containerd in {@code host}, with {@code plugins} as /opt/cni/bin and {@code network} as
     * the only config in /etc/cni/net.d; its state lives under {@code directory}.
     */
    public static Containerd start(SandboxHost host, PluginSet plugins, BridgeConflist network, Path directory) {
        SystemPathBinds binds = new SystemPathBinds();
        Process unshare = null;
        try {
            Files.createDirectories(directory);
            Path netconf = directory.resolve("net.d");
            Files.createDirectories(netconf);
            Files.writeString(netconf.resolve("10-" + network.name() + ".conflist"), network.toString());
            plugins.linkInto(directory.resolve("bin"));
            binds.bind(netconf, Path.of("/etc/cni/net.d"))
                    .bind(directory.resolve("bin"), Path.of("/opt/cni/bin"))
                    .bind(directory.resolve("cni-cache"), Path.of("/var/lib/cni"))
                    .bind(directory.resolve("run"), Path.of("/run/containerd"));
            Path config = writeConfig(directory);
            String script = "set -e\n" + binds.mountCommands()
                    + "set +e\n"
                    + "nsenter --net=" + Shell.quote(host.netnsPath().toString())
                    + " containerd --config " + Shell.quote(config.toString()) + " &\n"
                    + "c=$!\n"
                    + "trap 'kill -TERM $c' TERM\n"
                    + "while kill -0 $c 2>/dev/null; do wait $c; done\n";
            Path log = directory.resolve("containerd.log");
            unshare = new ProcessBuilder(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc",
                    "--mount", "--propagation", "private", "--", "bash", "-c", script))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(log.toFile())
                    .redirectErrorStream(true)
                    .start();
            Containerd containerd = new Containerd(directory, host, binds, unshare, awaitInit(unshare, log));
            containerd.awaitReady(log);
            return containerd;
        } catch (IOException | RuntimeException e) {
            stopQuietly(unshare);
            binds.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start containerd", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static Path writeConfig(Path directory) throws IOException {
        Path config = directory.resolve("config.toml");
        Files.writeString(config, """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                disabled_plugins = ["io.containerd.grpc.v1.cri"]
                [grpc]
                  address = "%1$s/containerd.sock"
                [plugins."io.containerd.internal.v1.opt"]
                  path = "%1$s/opt"
                """.formatted(directory));
        return config;
    }

    /** The PID (as this JVM sees it) of the PID namespace's init, the child unshare forked. */
    private static long awaitInit(Process unshare, Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> child = unshare.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            if (!unshare.isAlive()) {
                throw new IllegalStateException("containerd's namespaces failed: " + read(log));
            }
            pause();
        }
        throw new IllegalStateException("unshare forked no init within " + START_TIMEOUT + ": " + read(log));
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!unshare.isAlive()) {
                throw new IllegalStateException("containerd exited: " + read(log));
            }
            if (Files.exists(directory.resolve("containerd.sock")) && ctr("version").ok()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("containerd did not answer within " + START_TIMEOUT + ": " + read(log));
    }

    /** Runs ctr against this containerd, in its namespaces (so /proc, the binds and the network match). */
    public ExecResult ctr(String... args) {
        List<String> command = new ArrayList<>(List.of("nsenter",
                "--pid=/proc/" + init + "/ns/pid", "--mount=/proc/" + init + "/ns/mnt",
                "--net=" + host.netnsPath(), "--",
                "ctr", "--address", directory.resolve("containerd.sock").toString(), "--namespace", NAMESPACE));
        command.addAll(List.of(args));
        return Exec.run(command, Map.of(), Exec.DEFAULT_TIMEOUT);
    }

    public void importImage(Path archive) {
        ctr("image", "import", archive.toString()).orFail();
    }

    /** The directory bound over /var/lib/cni: libcni's result cache of ctr's CNI calls. */
    public Path cniCache() {
        return directory.resolve("cni-cache");
    }

    /** Mount points created on the machine for the binds that still exist (none after close). */
    public List<Path> createdMountPoints() {
        return binds.createdMountPoints();
    }

    public boolean isRunning() {
        return unshare.isAlive();
    }

    /** Stops containerd (SIGTERM through the init), then everything else in its namespaces. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ProcessHandle.of(init).ifPresent(ProcessHandle::destroy);
            if (!waitFor(unshare, STOP_TIMEOUT)) {
                // unshare's death SIGKILLs the init, and with it the whole PID namespace.
                stopQuietly(unshare);
            }
        } finally {
            binds.close();
            deleteLinks(directory.resolve("bin"));
        }
    }

    /** The plugin links point outside the test's directory: removed here rather than by JUnit. */
    private static void deleteLinks(Path bin) {
        try (var links = Files.list(bin)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the plugin links in " + bin, e);
        }
    }

    private static void stopQuietly(Process process) {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
