package io.jcni.manager.cli.net;

import io.jcni.conf.CniException;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkRunner;
import picocli.CommandLine.Command;

/** {@code jcni net del}: cnitool's {@code del}. */
@Command(name = "del", mixinStandardHelpOptions = true,
        description = {"Detaches the attachment: runs the conflist's plugins with DEL in reverse order, each given "
                + "the cached result, then removes the cache entry. NETNS may be omitted when the namespace is gone "
                + "(then set CNI_CONTAINERID).", ""},
        footer = {"", "Example:", "  jcni net del podnet /run/netns/pod1",
                "  CNI_CONTAINERID=web jcni net del podnet"})
final class NetDel extends NetAttachmentVerb {
    @Override
    String verb() {
        return "del";
    }

    @Override
    int run(Network network, NetworkRunner runner) throws CniException {
        runner.del(network, runtimeConf());
        return 0;
    }
}
