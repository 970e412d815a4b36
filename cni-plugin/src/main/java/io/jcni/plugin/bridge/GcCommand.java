package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.AttachmentAlias;
import io.jcni.plugin.kernel.Attempts;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.ValidAttachment;
import io.jcni.ipam.IpamPlugins;
import io.jcni.netlink.link.Link;
import io.jcni.plugin.bridge.firewall.MacSpoofCheck;
import io.jcni.plugin.bridge.firewall.MasqueradeBackends;
import io.jcni.plugin.bridge.firewall.MasqueradeRules;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * GC: releases what this network holds for attachments not in {@code cni.dev/valid-attachments}:
 * IPAM reservations (IPAM's own GC), masquerade rules of both backends, host veths whose alias
 * names this network and a gone attachment, and MAC spoof checks whose host veth is gone. Every step runs; the first failure is reported.
 */
final class GcCommand {
    private final Optional<Path> hostNetns;

    GcCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BridgeConfig cfg = BridgeConfig.of(conf, req.args());
        Set<ValidAttachment> valid = new HashSet<>(conf.validAttachments());
        Attempts attempts = new Attempts();
        if (cfg.ipamType().isPresent()) {
            attempts.attempt(() -> IpamPlugins.forType(cfg.ipamType().get(), req.path()).gc(req));
        }
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            for (Link l : KernelCall.get("list links", () -> host.nl().links().list())) {
                Optional<AttachmentAlias> owner = l.alias().flatMap(AttachmentAlias::parse);
                if (owner.isPresent() && owner.get().network().equals(cfg.network())
                        && !valid.contains(new ValidAttachment(owner.get().containerId(), owner.get().ifname()))) {
                    attempts.attempt(() -> KernelCall.run("delete orphaned host veth " + l.name(),
                            () -> host.nl().links().delete(l.name())));
                }
            }
            if (cfg.macSpoofCheck()) {
                attempts.attempt(() -> {
                    Set<String> links = KernelCall.get("list links", () -> host.nl().links().list()).stream()
                            .map(Link::name).collect(java.util.stream.Collectors.toSet());
                    new MacSpoofCheck(host.ns()).gcOrphans(links);
                });
            }
            if (cfg.ipMasq()) {
                for (MasqueradeRules masq : new MasqueradeBackends(host.tools(), host.ns()).all()) {
                    attempts.attempt(() -> masq.gc(cfg.network(), valid));
                }
            }
        }
        attempts.throwIfAny();
    }
}
