package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A network namespace the tests made, in which commands run through {@code nsenter --net}. */
public interface Netns {
    /** How long a ping may wait for its first answer before the peer counts as unreachable. */
    Duration REACH_DEADLINE = Duration.ofSeconds(10);

    /** The namespace file: {@code /var/run/netns/NAME} or {@code /proc/PID/ns/net}. */
    Path netnsPath();

    /** The namespace's identity: two paths name the same namespace exactly when their inodes match. */
    default long inode() {
        return inode(netnsPath());
    }

    static long inode(Path namespaceFile) {
        try {
            return ((Number) Files.getAttribute(namespaceFile, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command inside this namespace (only the network namespace is entered). */
    default ExecResult exec(String... command) {
        return exec(Map.of(), command);
    }

    default ExecResult exec(Map<String, String> env, String... command) {
        return exec(env, null, command);
    }

    /** Runs a command inside this namespace with extra environment and {@code stdin} (may be null). */
    default ExecResult exec(Map<String, String> env, byte[] stdin, String... command) {
        return Exec.run(inside(command), env, stdin, Exec.DEFAULT_TIMEOUT);
    }

    /** The command line that runs {@code command} inside this namespace, e.g. for a background process. */
    default List<String> inside(String... command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "--net=" + netnsPath(), "--"));
        full.addAll(List.of(command));
        return full;
    }

    /** Pings until the first answer or the deadline; ok() tells whether the address answered. */
    default ExecResult ping(String address, Duration deadline) {
        return exec("ping", "-n", "-c", "1", "-w", Long.toString(deadline.toSeconds()), address);
    }

    default ExecResult ping(String address) {
        return ping(address, REACH_DEADLINE);
    }
}
