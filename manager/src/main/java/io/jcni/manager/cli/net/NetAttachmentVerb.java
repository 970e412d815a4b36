package io.jcni.manager.cli.net;

import io.jcni.conf.CniException;
import io.jcni.manager.net.CnitoolEnvironment;
import io.jcni.manager.net.RuntimeConf;
import picocli.CommandLine.Parameters;

/** A verb on one attachment: NETWORK and the pod's NETNS path, the rest from cnitool's variables. */
abstract class NetAttachmentVerb extends NetVerb {
    @Parameters(index = "1", paramLabel = "NETNS", arity = "0..1", defaultValue = "",
            description = "the pod's network namespace, e.g. /run/netns/pod1 or /proc/PID/ns/net")
    String netns;

    RuntimeConf runtimeConf() throws CniException {
        return CnitoolEnvironment.runtimeConf(env, netns);
    }
}
