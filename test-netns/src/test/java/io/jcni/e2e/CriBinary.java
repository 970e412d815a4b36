package io.jcni.e2e;

import java.nio.file.Path;

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
            built = LabTool.locate("cri", "JCNI_CRI");
        }
        return built;
    }
}
