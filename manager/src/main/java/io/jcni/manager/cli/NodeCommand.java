package io.jcni.manager.cli;

import picocli.CommandLine.Command;

/** {@code jcni node}: sets a Kubernetes node up for jcni (docs/kubernetes.md). */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Sets a node up for jcni: plugins and the node's conflist.",
        subcommands = {NodeInstallCommand.class})
public final class NodeCommand {
}
