package io.jcni.manager.cli;

import io.jcni.manager.daemon.Daemon;
import picocli.CommandLine.Option;

/** {@code --warmup-rounds} of {@code jcni daemon run}, which {@code jcni daemon start} passes on. */
final class WarmupRoundsOption {
    @Option(names = "--warmup-rounds", paramLabel = "N", description = "bridge ADD/DEL pairs the daemon runs on itself at start, in namespaces of its own at low priority, so that the first pods are served with compiled code (0: none; default: ${DEFAULT-VALUE})")
    private int rounds = Daemon.DEFAULT_WARMUP_ROUNDS;

    int rounds() {
        return rounds;
    }
}
