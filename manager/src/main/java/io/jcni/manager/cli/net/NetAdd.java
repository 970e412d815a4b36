package io.jcni.manager.cli.net;

import io.jcni.conf.CniException;
import io.jcni.conf.result.ResultCodec;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkRunner;
import picocli.CommandLine.Command;

import java.nio.charset.StandardCharsets;

/** {@code jcni net add}: cnitool's {@code add}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Attaches the network namespace NETNS to NETWORK: runs the conflist's plugins (ADD) in order, "
                + "caches the result where libcni does and prints it.", ""},
        footer = {"", "Example:", "  CNI_PATH=/opt/cni/bin jcni net add podnet /run/netns/pod1",
                "  export CNI_CONTAINERID=web",
                "  export CAP_ARGS='{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80}]}'",
                "  jcni net add --conf-dir ./net.d podnet /proc/1234/ns/net",
                "", "Environment (as cnitool): NETCONFPATH, CNI_PATH, CNI_CACHEDIR,",
                "CNI_CONTAINERID, CNI_IFNAME, CNI_ARGS, CAP_ARGS."})
final class NetAdd extends NetAttachmentVerb {
    @Override
    String verb() {
        return "add";
    }

    @Override
    int run(Network network, NetworkRunner runner) throws CniException {
        byte[] out = ResultCodec.write(runner.add(network, runtimeConf()), network.list().cniVersion());
        System.out.println(new String(out, StandardCharsets.UTF_8));
        return 0;
    }
}
