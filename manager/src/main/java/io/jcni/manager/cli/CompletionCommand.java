package io.jcni.manager.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code jcni completion}: the bash completion script for every jcni command, from picocli's model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Prints a bash (and zsh) completion script for jcni.",
        footer = {"", "Examples:", "  source <(jcni completion)", "  jcni completion > /etc/bash_completion.d/jcni"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        System.out.print(AutoComplete.bash(root.getCommandName(), root));
        System.out.flush();
        return ExitCodes.OK;
    }
}
