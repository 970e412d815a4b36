package io.jcni.plugin.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace made for one test ({@code jt-br-<tag>-<random>}), removed on close. Tests
 * configure and inspect it only through {@code ip netns exec}, never the root namespace.
 */
public final class ScratchNetns implements AutoCloseable {
    private final String name;

    private ScratchNetns(String name) {
        this.name = name;
    }

    public static ScratchNetns create(String tag) {
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        String name = "jt-br-" + tag + "-" + HexFormat.of().formatHex(r);
        run(List.of("ip", "netns", "add", name), "");
        return new ScratchNetns(name);
    }

    public String name() {
        return name;
    }

    public Path path() {
        return Path.of("/var/run/netns", name);
    }

    /** Runs a command inside the namespace; returns stdout; fails the test on a non-zero exit. */
    public String exec(String... cmd) {
        return execInput("", cmd);
    }

    public String execInput(String stdin, String... cmd) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(cmd));
        return run(argv, stdin);
    }

    /** Runs a command inside the namespace and returns its exit code only. */
    public int status(String... cmd) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(cmd));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String run(List<String> argv, String stdin) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(argv + " exited " + rc + ": " + out);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(argv.toString(), e);
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name), "");
    }
}
