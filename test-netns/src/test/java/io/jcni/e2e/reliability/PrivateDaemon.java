package io.jcni.e2e.reliability;

import io.jcni.e2e.Exec;
import io.jcni.e2e.ExecResult;
import io.jcni.e2e.JcniInstall;
import io.jcni.e2e.Names;
import io.jcni.e2e.PluginSet;
import io.jcni.e2e.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * jcni installed a second time (install.sh --no-build) with shims built for a socket of its own,
 * and the daemon on that socket: a test may kill and restart it without disturbing the run's
 * session daemon ({@code DaemonSession}). Closing it stops the daemon and removes the tree.
 */
final class PrivateDaemon implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private final Path root;

    private PrivateDaemon(Path root) {
        this.root = root;
    }

    static PrivateDaemon install() {
        JcniInstall.binDirectory(); // the reactor's jars, checked once
        Path root = ProjectPaths.module().resolve("target/reliability/" + Names.unique("d"));
        Exec.run(List.of(ProjectPaths.repository().resolve("install.sh").toString(), "--no-build",
                "--bin-dir", root.resolve("bin").toString(), "--lib-dir", root.resolve("lib").toString(),
                "--cli-dir", root.resolve("cli").toString(), "--socket", root.resolve("run/jcni.sock").toString()),
                Map.of(), Duration.ofMinutes(5)).orFail();
        return new PrivateDaemon(root);
    }

    PluginSet plugins() {
        return new PluginSet("jcni-private-daemon", List.of(root.resolve("bin")));
    }

    Path socket() {
        return root.resolve("run/jcni.sock");
    }

    ExecResult command(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("cli/jcni").toString(), "daemon"));
        command.addAll(List.of(args));
        command.addAll(List.of("--socket", socket().toString()));
        return Exec.run(command, Map.of(), TIMEOUT);
    }

    void start() {
        command("start").orFail();
    }

    /** The daemon's pid (from the pid file {@code jcni daemon start} writes next to the socket). */
    long pid() {
        try {
            return Long.parseLong(Files.readString(socket().resolveSibling("jcni.pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to the daemon, by its pid; returns once it is gone. */
    void kill() {
        long pid = pid();
        Exec.run("kill", "-KILL", Long.toString(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    @Override
    public void close() throws IOException {
        if (command("status").ok()) {
            command("stop").orFail();
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
