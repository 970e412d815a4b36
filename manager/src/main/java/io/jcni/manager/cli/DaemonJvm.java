package io.jcni.manager.cli;

import java.util.List;

/**
 * The JVM flags the background daemon runs with: native access for FFM and netty, a quiet Unsafe,
 * and a heap bound (install.sh's manager.args has the same), so that its memory does not follow
 * the collector's sizing: its live heap is a few MiB (docs/reliability.md).
 */
final class DaemonJvm {
    private DaemonJvm() {
    }

    static List<String> flags() {
        return List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC", "-Xmx128m", "-Xlog:disable", "-Xlog:all=warning:stderr");
    }
}
