package io.jcni.manager.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --socket}, the one option every {@code jcni daemon} command shares. */
final class DaemonSocketOption {
    @Option(names = "--socket", paramLabel = "PATH", description = "the daemon's socket (default: ${DEFAULT-VALUE})")
    private Path path = Settings.socket();

    Path path() {
        return path;
    }
}
