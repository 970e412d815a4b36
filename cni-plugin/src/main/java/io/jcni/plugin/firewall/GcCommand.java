package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;

/**
 * GC: removes the rules of this network's attachments that are not in
 * {@code cni.dev/valid-attachments}. The nftables backend's rules name their attachment; the
 * iptables backend's are the reference's, which do not, so GC leaves those.
 */
final class GcCommand {
    private final Optional<Path> hostNetns;

    GcCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        FirewallConfig cfg = FirewallConfig.of(conf);
        if (cfg.backend() == Backend.FIREWALLD && !Firewalld.systemBusExists(Firewalld.SYSTEM_BUS)) {
            return; // as DEL: no firewalld could hold anything
        }
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            FirewallBackends.of(cfg.backend(), host).gc(cfg.network(), new HashSet<>(conf.validAttachments()));
        }
    }
}
