package io.jcni.manager.cli;

import picocli.CommandLine.Command;

/** {@code jcni daemon}: the daemon that serves plugin calls for the shims (docs/daemon.md). */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Runs and controls the jcni daemon, which serves plugin calls for the shims in the CNI bin dir.",
        subcommands = {DaemonRun.class, DaemonStart.class, DaemonStop.class, DaemonStatus.class})
public final class DaemonCommand {
}
