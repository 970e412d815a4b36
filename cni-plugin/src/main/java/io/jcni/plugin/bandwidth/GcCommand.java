package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.ValidAttachment;
import io.jcni.netlink.link.Link;
import io.jcni.plugin.kernel.AttachmentAlias;
import io.jcni.plugin.kernel.Attempts;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * GC: deletes the ifb devices of this network whose attachment is not in
 * {@code cni.dev/valid-attachments}, recognised by the alias ADD writes on them. Devices without
 * it (the reference's) are left alone: their name is a one-way hash that does not say whose they are.
 * The qdiscs on host veths go with the veths. Every device is tried; the first failure is reported.
 */
final class GcCommand {
    private final Optional<Path> hostNetns;

    GcCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        Set<ValidAttachment> valid = new HashSet<>(conf.validAttachments());
        Attempts attempts = new Attempts();
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            for (Link l : KernelCall.get("list links", () -> host.nl().links().list())) {
                if (!l.kind().equals(Optional.of("ifb"))) {
                    continue;
                }
                Optional<AttachmentAlias> owner = l.alias().flatMap(AttachmentAlias::parse);
                if (owner.isPresent() && owner.get().network().equals(conf.name())
                        && !valid.contains(new ValidAttachment(owner.get().containerId(), owner.get().ifname()))) {
                    attempts.attempt(() -> KernelCall.run("delete orphaned ifb " + l.name(),
                            () -> host.nl().links().delete(l.name())));
                }
            }
        }
        attempts.throwIfAny();
    }
}
