package io.jcni.manager.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packaged build installed once per test JVM by the repository's {@code install.sh --no-build}
 * into {@code manager/target/it}: shims in {@code bin} built for the socket {@code run/jcni.sock},
 * JVM launchers and the jcni command in {@code lib}, the command's link in {@code cli}.
 */
final class InstalledTree {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path ROOT = REPO.resolve("manager/target/it");
    private static boolean installed;

    private InstalledTree() {
    }

    static synchronized void ensure() throws Exception {
        if (installed) {
            return;
        }
        Outcome o = Outcome.run(List.of(REPO.resolve("install.sh").toString(), "--no-build", "--bin-dir", bin().toString(),
                "--lib-dir", lib().toString(), "--cli-dir", ROOT.resolve("cli").toString(), "--socket", socket().toString()),
                Map.of(), "", true);
        assertEquals(0, o.status(), o.stdout() + o.stderr());
        installed = true;
    }

    static Path bin() {
        return ROOT.resolve("bin");
    }

    static Path lib() {
        return ROOT.resolve("lib");
    }

    /** The shim for {@code type}. */
    static Path shim(String type) {
        return bin().resolve(type);
    }

    /** The JVM launcher for {@code type}: what a one-shot call runs. */
    static Path launcher(String type) {
        return lib().resolve("launchers").resolve(type);
    }

    static Path jcni() {
        return ROOT.resolve("cli/jcni");
    }

    static Path socket() {
        return ROOT.resolve("run/jcni.sock");
    }
}
