package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.Optional;

/**
 * DEL: removes the pod's rules. Never looks at the pod's namespace, so a vanished one does not
 * matter; succeeds when the rules are already gone or on a repeated call. Without prevResult the
 * iptables backend has no addresses to delete (as in the reference); the nftables backend finds
 * the pod's rules by their comment. With {@code backend: firewalld} and no system bus there is
 * nothing anyone could have added, so DEL succeeds; with a bus it fails as ADD does.
 */
final class DelCommand {
    private final Optional<Path> hostNetns;

    DelCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        FirewallConfig cfg = FirewallConfig.of(NetworkConfig.parse(req.config()));
        PodAddresses pod = PodAddresses.of(cfg.network(), req.containerId(), req.ifname(), cfg.prevResult());
        if (cfg.backend() == Backend.FIREWALLD && !Firewalld.systemBusExists(Firewalld.SYSTEM_BUS)) {
            return; // no system bus, so no firewalld that could hold anything of this pod
        }
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            FirewallBackends.of(cfg.backend(), host).del(pod, cfg);
        }
    }
}
