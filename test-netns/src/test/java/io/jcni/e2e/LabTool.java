package io.jcni.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A lab tool built from {@code shared/tools/NAME} (cnitool, the cri client): the executable named
 * by an environment variable when set (test.sh builds them and sets it), else
 * {@code build/tools/NAME} in this repository, built with the tool's {@code build.sh} when missing.
 */
final class LabTool {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private LabTool() {
    }

    static Path locate(String name, String variable) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(variable + "=" + configured + " is not an executable");
            }
            return path;
        }
        Path path = ProjectPaths.repository().resolve("build/tools/" + name);
        if (!Files.isExecutable(path)) {
            Exec.run(List.of("sh", ProjectPaths.shared("tools/" + name + "/build.sh").toString(), path.toString()),
                    Map.of(), BUILD_TIMEOUT).orFail();
        }
        return path;
    }
}
