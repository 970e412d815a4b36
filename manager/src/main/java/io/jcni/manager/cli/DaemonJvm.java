package io.jcni.manager.cli;

import java.util.List;

/** The JVM flags the background daemon runs with: native access for FFM and netty, a quiet Unsafe. */
final class DaemonJvm {
    private DaemonJvm() {
    }

    static List<String> flags() {
        return List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=warning:stderr");
    }
}
