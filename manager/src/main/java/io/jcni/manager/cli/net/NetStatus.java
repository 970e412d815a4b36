package io.jcni.manager.cli.net;

import io.jcni.conf.CniException;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkRunner;
import picocli.CommandLine.Command;

/** {@code jcni net status}: cnitool's {@code status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Asks every plugin of the network whether it is ready for ADD (STATUS, spec 1.1.0; older "
                + "lists are always ready); prints 'NETWORK: ready' or exits 1 with the plugin's error.", ""},
        footer = {"", "Example:", "  jcni net status podnet"})
final class NetStatus extends NetVerb {
    @Override
    String verb() {
        return "status";
    }

    @Override
    int run(Network network, NetworkRunner runner) throws CniException {
        runner.status(network);
        System.out.println(network.name() + ": ready");
        return 0;
    }
}
