package io.jcni.manager.cli.pod;

import io.jcni.manager.pod.PodStore;
import io.jcni.manager.pod.Pods;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The option every {@code jcni pod} command has: where pods are tracked. */
final class PodOptions {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "where pods are tracked (default: ${DEFAULT-VALUE})")
    Path stateDir = PodStore.DEFAULT_DIR;

    Pods pods() {
        return new Pods(new PodStore(stateDir), System.getenv(), System.err);
    }
}
