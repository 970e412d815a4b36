package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.plugin.kernel.Attempts;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.Optional;

/**
 * DEL: removes the pod's chain and its entries from every usable backend, found from (network,
 * container ID) alone: no prevResult or netns needed, and a second call finds nothing to do. Like
 * the reference it does nothing when the call carries no port mappings (the runtime passes the
 * same capability arguments as on ADD); GC removes what such a DEL left. The shared chains stay.
 */
final class DelCommand {
    private final Optional<Path> hostNetns;

    DelCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        PortmapConfig cfg = PortmapConfig.of(conf);
        if (cfg.mappings().isEmpty()) {
            return;
        }
        Attempts attempts = new Attempts();
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            for (PortForwarding b : PortForwardings.all(host.tools(), host.ns())) {
                attempts.attempt(() -> b.del(cfg.network(), req.containerId()));
            }
        }
        attempts.throwIfAny();
    }
}
