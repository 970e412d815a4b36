package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.Optional;

/**
 * CHECK: the pod's chain, its rules and its entries exist for each pod address family, per the
 * backend ADD would use. Unlike the reference 1.1.1, which checks the IPv4 rules in ip6tables too
 * and so fails every dual-stack pod, each family is checked in its own table.
 */
final class CheckCommand {
    private final Optional<Path> hostNetns;

    CheckCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        PortmapConfig cfg = PortmapConfig.of(conf);
        Result prev = conf.requirePrevResult("CHECK needs the result of the ADD");
        if (cfg.mappings().isEmpty()) {
            return;
        }
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            PortForwarding backend = PortForwardings.forAdd(cfg, host.tools(), host.ns());
            for (IpPrefix pod : ContainerAddresses.of(prev, req.ifname())) {
                backend.check(cfg, req.containerId(), pod);
            }
        }
    }
}
