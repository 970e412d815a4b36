package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.ValidAttachment;
import io.jcni.plugin.kernel.Attempts;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GC (which the reference does not implement): removes this network's pod chains whose container
 * has no attachment in {@code cni.dev/valid-attachments}, in every usable backend. A pod chain is
 * recognised by its entry's comment naming this network and a container ID, and by its name being
 * the one derived from them, so other networks' and other owners' rules stay.
 */
final class GcCommand {
    private final Optional<Path> hostNetns;

    GcCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        PortmapConfig cfg = PortmapConfig.of(conf);
        Set<String> live = conf.validAttachments().stream().map(ValidAttachment::containerId).collect(Collectors.toSet());
        Attempts attempts = new Attempts();
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            for (PortForwarding b : PortForwardings.all(host.tools(), host.ns())) {
                attempts.attempt(() -> b.gc(cfg.network(), live));
            }
        }
        attempts.throwIfAny();
    }
}
