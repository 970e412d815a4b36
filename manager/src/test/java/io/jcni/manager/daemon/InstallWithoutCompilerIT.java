package io.jcni.manager.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** install.sh on a machine without a C compiler: the JVM launchers become the plugin executables, and it says so. */
class InstallWithoutCompilerIT {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void theLaunchersAreInstalledInsteadOfTheShimAndTheInstallSaysSo(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("bin");
        Path lib = tmp.resolve("lib");
        // CC=none: install.sh looks for no compiler, as on a machine without one.
        Outcome install = Outcome.run(List.of("/usr/bin/env", "CC=none", REPO.resolve("install.sh").toString(), "--no-build",
                "--bin-dir", bin.toString(), "--lib-dir", lib.toString(), "--cli-dir", tmp.resolve("cli").toString(),
                "--socket", tmp.resolve("run/jcni.sock").toString()), Map.of(), "", true);
        assertEquals(0, install.status(), install.stdout() + install.stderr());
        assertTrue(install.stderr().contains("install.sh: no C compiler (none): installing the JVM launchers in " + bin
                + ", without the shim (no daemon mode)"), install.stderr());

        for (String type : List.of("bridge", "host-local", "portmap")) {
            assertArrayEquals(Files.readAllBytes(lib.resolve("launchers").resolve(type)), Files.readAllBytes(bin.resolve(type)),
                    type + " is the JVM launcher");
        }
        Outcome version = Outcome.run(List.of(bin.resolve("bridge").toString()), Map.of("CNI_COMMAND", "VERSION"), "", false);
        assertEquals(0, version.status(), version.stdout() + version.stderr());
        assertTrue(version.stdout().contains("\"supportedVersions\""), version.stdout());
    }
}
