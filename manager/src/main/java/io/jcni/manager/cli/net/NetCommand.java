package io.jcni.manager.cli.net;

import picocli.CommandLine.Command;

/** {@code jcni net}: cnitool's verbs, with libcni's result cache (docs/cli-net-pod.md). */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = {"Runs a network's conflist against a network namespace as cnitool and container runtimes do "
                + "(libcni's environment, capability arguments and result cache, so cnitool, containerd and jcni "
                + "see each other's attachments).", ""},
        subcommands = {NetAdd.class, NetCheck.class, NetDel.class, NetGc.class, NetStatus.class},
        footer = {"", "Example:", "  ip netns add pod1",
                "  export NETCONFPATH=/etc/cni/net.d CNI_PATH=/opt/cni/bin",
                "  jcni net add podnet /run/netns/pod1",
                "  jcni net del podnet /run/netns/pod1"})
public final class NetCommand {
}
