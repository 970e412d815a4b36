package io.jcni.manager.cli.pod;

import io.jcni.manager.pod.PodException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jcni pod exec}: a "container" is a process that joined the pod's namespaces. */
@Command(name = "exec", mixinStandardHelpOptions = true, modelTransformer = PodExec.CommandAfterName.class,
        description = {"Runs COMMAND (everything after NAME; a '--' before it is optional) inside the pod's namespaces (nsenter into the pause process's net, ipc, uts and, "
                + "with --pid pods, pid namespaces), with this terminal as its own: 'sh' is interactive. Exits with "
                + "the command's status.", ""},
        footer = {"", "Examples:", "  jcni pod exec web -- sh", "  jcni pod exec web -- ip -br addr",
                "  jcni pod exec web ping -c1 10.88.0.3"})
final class PodExec implements Callable<Integer> {
    @Mixin
    PodOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "the pod")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments (after --)")
    List<String> command;

    /** Everything after NAME is the command, options included ({@code jcni pod exec web ip -br addr}). */
    static final class CommandAfterName implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }

    @Override
    public Integer call() {
        List<String> argv = !command.isEmpty() && command.getFirst().equals("--") ? command.subList(1, command.size()) : command;
        if (argv.isEmpty()) {
            System.err.println("jcni pod exec: " + name + ": no command given (jcni pod exec NAME -- COMMAND...)");
            return 2;
        }
        try {
            Process p = new ProcessBuilder(options.pods().execCommand(name, argv)).inheritIO().start();
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
