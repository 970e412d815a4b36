package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code jcni daemon run --routes kubernetes} (the installed jcni command) inside a simulated
 * node's namespace, as the DaemonSet's main container runs it with hostNetwork: it keeps that
 * node's host-gw routes. Its own socket and log live in {@code dir}; closing it stops it (SIGTERM).
 */
public final class RoutesDaemon implements AutoCloseable {
    private final Process process;
    private final Path log;

    private RoutesDaemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static RoutesDaemon start(Netns node, String nodeName, Path kubeconfig, Path dir) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("daemon.log");
            Process p = new ProcessBuilder(node.inside(JcniInstall.jcniCommand().toString(), "daemon", "run",
                    "--socket", dir.resolve("jcni.sock").toString(), "--log-file", log.toString(),
                    "--routes", "kubernetes", "--node-name", nodeName, "--kubeconfig", kubeconfig.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.err").toFile()))
                    .start();
            return new RoutesDaemon(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start jcni daemon run --routes kubernetes", e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The daemon's log so far (for failure messages). */
    public String log() {
        try {
            String err = Files.readString(log.resolveSibling("daemon.err"));
            return (Files.exists(log) ? Files.readString(log) : "") + err;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        Exec.stop(process);
    }
}
