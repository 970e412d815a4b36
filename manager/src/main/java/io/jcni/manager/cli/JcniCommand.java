package io.jcni.manager.cli;

import picocli.CommandLine.Command;

/** {@code jcni}: the manager's command line; one subcommand per area (the daemon for now). */
@Command(name = "jcni", mixinStandardHelpOptions = true, version = "jcni 0.1.0",
        description = "Manages jcni, the CNI plugins in Java.",
        subcommands = {DaemonCommand.class, NodeCommand.class})
public final class JcniCommand {
}
