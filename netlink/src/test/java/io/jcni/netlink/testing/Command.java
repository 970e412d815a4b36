package io.jcni.netlink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a command-line tool for a test (setup, or an oracle independent of our own code). */
public final class Command {
    private Command() {
    }

    /** Runs {@code argv} with {@code stdin} as input; returns stdout and stderr; fails the test unless it exits 0. */
    public static String run(List<String> argv, String stdin) {
        Finished f = finish(argv, stdin);
        if (f.status() != 0) {
            throw new AssertionError(argv + " exited " + f.status() + ": " + f.output());
        }
        return f.output();
    }

    /** Runs {@code argv} and returns its exit status only (its output is read and dropped). */
    public static int status(List<String> argv) {
        return finish(argv, "").status();
    }

    private record Finished(int status, String output) {
    }

    private static Finished finish(List<String> argv, String stdin) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Finished(p.waitFor(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + argv, e);
        }
    }
}
