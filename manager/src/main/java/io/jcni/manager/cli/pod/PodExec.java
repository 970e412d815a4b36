package io.jcni.manager.cli.pod;

import io.jcni.manager.pod.PodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jcni pod exec}: a "container" is a process that joined the pod's namespaces. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Runs COMMAND inside the pod's namespaces (nsenter into the pause process's net, ipc, uts and, "
                + "with --pid pods, pid namespaces), with this terminal as its own: 'sh' is interactive. Exits with "
                + "the command's status.", ""},
        footer = {"", "Examples:", "  jcni pod exec web -- sh", "  jcni pod exec web -- ip -br addr",
                "  jcni pod exec web -- ping -c1 10.88.0.3"})
final class PodExec implements Callable<Integer> {
    @Mixin
    PodOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "the pod")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments (after --)")
    List<String> command;

    @Override
    public Integer call() {
        try {
            Process p = new ProcessBuilder(options.pods().execCommand(name, command)).inheritIO().start();
            return p.waitFor();
        } catch (PodException e) {
            System.err.println("jcni pod exec: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("jcni pod exec: " + name + ": cannot start nsenter: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
