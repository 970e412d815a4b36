package io.jcni.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's {@code scripts/MockApiServer.java} (fabric8's mock API server in CRUD mode: the
 * real list and watch protocol) run as a process inside a test namespace, listening on an address
 * there, so that jcni daemons in other namespaces reach it as they would reach an API server.
 * Nodes are created, replaced and deleted through its stdin.
 */
public final class MockApiServer implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final BufferedReader replies;
    private final Path kubeconfig;

    private MockApiServer(Process process, Path kubeconfig) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.kubeconfig = kubeconfig;
    }

    /** Starts the server in {@code ns} on {@code address}; its kubeconfig goes to {@code kubeconfig}. */
    public static MockApiServer start(Netns ns, String address, Path kubeconfig) {
        List<String> command = new ArrayList<>(ns.inside(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                ProjectPaths.repository().resolve("scripts/MockApiServer.java").toString(), kubeconfig.toString(), address));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mock API server", e);
        }
        MockApiServer server = new MockApiServer(process, kubeconfig);
        String first = server.reply();
        if (!first.startsWith("ready ")) {
            server.close();
            throw new IllegalStateException("mock API server: expected \"ready PORT\", got " + first);
        }
        return server;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Creates or replaces a Node with its InternalIP(s) and pod CIDR(s). */
    public void node(String name, List<String> internalIps, List<String> podCidrs) {
        send("node " + name + " " + String.join(",", internalIps) + " " + String.join(" ", podCidrs));
    }

    public void delete(String name) {
        send("delete " + name);
    }

    private void send(String line) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("mock API server: " + line, e);
        }
        String reply = reply();
        if (!reply.equals("ok")) {
            throw new IllegalStateException("mock API server: " + line + ": " + reply);
        }
    }

    private String reply() {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("mock API server exited with " + process.waitFor());
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Exec.stop(process);
    }
}
