package io.jcni.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code cri} client (shared/tools/cri): {@code JCNI_CRI} when set (test.sh builds it), else
 * {@code build/tools/cri} in this repository, built from shared/tools/cri when missing.
 */
public final class CriBinary {
    private static Path built;

    private CriBinary() {
    }

    public static synchronized Path path() {
        if (built == null) {
            built = locate();
        }
        return built;
    }

    private static Path locate() {
        String configured = System.getenv("JCNI_CRI");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("JCNI_CRI=" + configured + " is not an executable");
            }
            return path;
        }
        Path path = ProjectPaths.repository().resolve("build/tools/cri");
        if (!Files.isExecutable(path)) {
            Exec.run(List.of("sh", ProjectPaths.shared("tools/cri/build.sh").toString(), path.toString()),
                    Map.of(), Duration.ofMinutes(10)).orFail();
        }
        return path;
    }
}
