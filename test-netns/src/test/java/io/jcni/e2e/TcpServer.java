package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A one-shot TCP server in a namespace (busybox nc) that sends a fixed text to its first client:
 * proves that a TCP connection really reached it, through whatever NAT lies between.
 */
public final class TcpServer implements AutoCloseable {
    private static final Duration FETCH_DEADLINE = Duration.ofSeconds(15);
    private final Process process;
    private final Path textFile;

    private TcpServer(Process process, Path textFile) {
        this.process = process;
        this.textFile = textFile;
    }

    public static TcpServer start(Netns ns, int port, String text) {
        try {
            // nc reads the text from a file, so the server is one process (nsenter execs busybox)
            // that close() can stop for sure.
            Path textFile = Files.createTempFile("jt-tcp", ".txt");
            Files.writeString(textFile, text + "\n");
            Process process = new ProcessBuilder(ns.inside("busybox", "nc", "-l", "-p", Integer.toString(port)))
                    .redirectInput(textFile.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new TcpServer(process, textFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start busybox nc", e);
        }
    }

    /**
     * Connects from {@code client} to {@code address:port} until the server's text arrives, retrying
     * while the listener may still be starting, and returns what was read (empty if nothing came).
     */
    public String fetchFrom(Netns client, String address, int port) {
        String script = "end=$(($(date +%s) + " + FETCH_DEADLINE.toSeconds() + ")); "
                + "while [ $(date +%s) -lt $end ]; do "
                + "out=$(busybox nc -w 3 " + address + " " + port + " 2>/dev/null) && [ -n \"$out\" ] && { echo \"$out\"; exit 0; }; "
                + "sleep 0.2; done; exit 1";
        ExecResult result = client.exec("sh", "-c", script);
        return result.ok() ? result.stdout().strip() : "";
    }

    @Override
    public void close() {
        try {
            Exec.stop(process);
        } finally {
            try {
                Files.deleteIfExists(textFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
