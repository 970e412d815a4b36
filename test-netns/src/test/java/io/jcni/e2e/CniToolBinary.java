package io.jcni.e2e;

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
            built = LabTool.locate("cnitool", "JCNI_CNITOOL");
        }
        return built;
    }
}
