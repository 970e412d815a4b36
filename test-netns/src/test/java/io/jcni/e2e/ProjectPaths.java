package io.jcni.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test-netns module, the repository and the shared lab tools are on disk. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The test-netns module directory: Maven runs the tests from there. */
    public static Path module() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("scripts/lab.sh"))) {
            throw new IllegalStateException("run the tests from the test-netns module directory, not " + dir);
        }
        return dir;
    }

    public static Path repository() {
        return module().getParent();
    }

    public static Path labScript() {
        return module().resolve("scripts/lab.sh");
    }

    /**
     * A file under the project's {@code shared} directory (the lab tools: cnitool, oci-image), found
     * next to the repository or next to any of its parents, so that git worktrees find it too.
     */
    public static Path shared(String relative) {
        for (Path dir = repository(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/" + relative + " not found next to " + repository() + " or its parents");
    }
}
