package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.Optional;

/** CHECK: the chains, jumps and per-address rules ADD made are all there; changes nothing. */
final class CheckCommand {
    private final Optional<Path> hostNetns;

    CheckCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        FirewallConfig cfg = FirewallConfig.of(NetworkConfig.parse(req.config()));
        PodAddresses pod = PodAddresses.of(cfg.network(), req.containerId(), req.ifname(),
                Optional.of(cfg.requirePrevResult("CHECK")));
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            FirewallBackends.of(cfg.backend(), host).check(pod, cfg);
        }
    }
}
