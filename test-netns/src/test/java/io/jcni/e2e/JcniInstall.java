package io.jcni.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * jcni's plugins installed once per test JVM by the repository's {@code install.sh --no-build}
 * into {@code test-netns/target/jcni}, from the cni-plugin jars the reactor built before this
 * module. This is how the end-to-end tests get jcni's executables: exactly as users install them.
 * The executables are shims built for {@link #socket()}: with no daemon there they run the JVM
 * launchers; {@code jcni daemon start --socket SOCKET} (the command {@link #jcniCommand()}) makes
 * them forward to the daemon, {@code jcni daemon stop --socket SOCKET} ends that.
 */
public final class JcniInstall {
    private static Path installed;

    private JcniInstall() {
    }

    /** The socket the installed shims connect to. */
    public static Path socket() {
        return ProjectPaths.module().resolve("target/jcni/run/jcni.sock");
    }

    /** The installed {@code jcni} command (after {@link #binDirectory()}). */
    public static Path jcniCommand() {
        return ProjectPaths.module().resolve("target/jcni/cli/jcni");
    }

    /** The directory holding jcni's plugin executables (one per plugin type). */
    public static synchronized Path binDirectory() {
        if (installed == null) {
            Path target = ProjectPaths.module().resolve("target/jcni");
            Path bin = target.resolve("bin");
            Exec.run(List.of(ProjectPaths.repository().resolve("install.sh").toString(), "--no-build",
                    "--bin-dir", bin.toString(), "--lib-dir", target.resolve("lib").toString(),
                    "--cli-dir", target.resolve("cli").toString(), "--socket", socket().toString()),
                    Map.of(), Duration.ofMinutes(5)).orFail();
            installed = bin;
        }
        return installed;
    }
}
