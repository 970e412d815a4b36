package io.jcni.manager.cli;

import io.jcni.manager.cli.net.NetCommand;
import io.jcni.manager.cli.pod.PodCommand;
import picocli.CommandLine.Command;

/** {@code jcni}: the manager's command line; one subcommand per area. */
@Command(name = "jcni", mixinStandardHelpOptions = true, version = "jcni 0.1.0",
        description = "Manages jcni, the CNI plugins in Java.",
        subcommands = {DaemonCommand.class, LsCommand.class, BridgesCommand.class, CheckCommand.class, GcCommand.class,
                NetCommand.class, PodCommand.class, NodeCommand.class, CompletionCommand.class})
public final class JcniCommand {
}
