package io.jcni.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cnitool executable: {@code JCNI_CNITOOL} when set (test.sh builds it), else
 * {@code build/tools/cnitool} in this repository, built from shared/tools/cnitool when missing.
 */
public final class CniToolBinary {
    private static Path built;

    private CniToolBinary() {
    }

    public static synchronized Path path() {
        if (built == null) {
            built = locate();
        }
        return built;
    }

    private static Path locate() {
        String configured = System.getenv("JCNI_CNITOOL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("JCNI_CNITOOL=" + configured + " is not an executable");
            }
            return path;
        }
        Path path = ProjectPaths.repository().resolve("build/tools/cnitool");
        if (!Files.isExecutable(path)) {
            Exec.run("sh", ProjectPaths.shared("tools/cnitool/build.sh").toString(), path.toString()).orFail();
        }
        return path;
    }
}
