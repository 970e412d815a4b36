package io.jcni.manager.cli.net;

import io.jcni.conf.CniException;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkRunner;
import picocli.CommandLine.Command;

/** {@code jcni net check}: cnitool's {@code check}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Runs the conflist's plugins with CHECK on the attachment, each given the cached result; "
                + "exits 1 with the first plugin's error when something is wrong.", ""},
        footer = {"", "Example:", "  jcni net check podnet /run/netns/pod1 && echo healthy"})
final class NetCheck extends NetAttachmentVerb {
    @Override
    String verb() {
        return "check";
    }

    @Override
    int run(Network network, NetworkRunner runner) throws CniException {
        runner.check(network, runtimeConf());
        return 0;
    }
}
