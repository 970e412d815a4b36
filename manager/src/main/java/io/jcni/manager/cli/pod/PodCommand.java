package io.jcni.manager.cli.pod;

import picocli.CommandLine.Command;

/** {@code jcni pod}: the seed talk's pod by hand (docs/cli-net-pod.md). */
@Command(name = "pod", mixinStandardHelpOptions = true,
        description = {"Builds pods by hand, as a runtime does: a pause process holds the namespaces, containers join "
                + "them, the network's plugins attach them (the same code and cache as jcni net).", ""},
        subcommands = {PodCreate.class, PodExec.class, PodList.class, PodRemove.class},
        footer = {"", "Example:", "  jcni pod create web --network podnet --conf-dir ./net.d",
                "  jcni pod exec web -- sh", "  jcni pod ls", "  jcni pod rm web"})
public final class PodCommand {
}
