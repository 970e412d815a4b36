package io.jcni.manager.cli.pod;

import io.jcni.manager.pod.PodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code jcni pod rm}. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Removes pods: DEL from the network (as cached at ADD), then the pause process ends, the netns "
                + "is unmounted and the pod forgotten. Works after the pause process died. When DEL fails the pod is "
                + "kept (exit 1) unless --force.", ""},
        footer = {"", "Example:", "  jcni pod rm web db"})
final class PodRemove implements Callable<Integer> {
    @Mixin
    PodOptions options;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "the pods")
    List<String> names;

    @Option(names = "--force", description = "remove the pod even when DEL fails")
    boolean force;

    @Override
    public Integer call() {
        int status = 0;
        for (String name : names) {
            try {
                long took = options.pods().remove(name, force).toMillis();
                System.out.println("pod " + name + ": removed (the plugins' DEL took " + took + " ms)");
            } catch (PodException e) {
                System.err.println("jcni pod rm: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
