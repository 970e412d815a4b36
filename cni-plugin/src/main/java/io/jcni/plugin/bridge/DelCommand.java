package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.AttachmentAlias;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.Attempts;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;
import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.ipam.IpamPlugins;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.LinkRef;
import io.jcni.netlink.link.LinkRemoval;
import io.jcni.netlink.sys.Errno;
import io.jcni.plugin.bridge.firewall.MacSpoofCheck;
import io.jcni.plugin.bridge.firewall.MasqueradeBackends;
import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.bridge.firewall.MasqueradeRules;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * DEL: releases IPAM, removes the veth pair and the firewall rules, all found from (network,
 * container ID, ifname). Succeeds when any of it is already gone, when CNI_NETNS is empty or the
 * namespace vanished, without prevResult and on a second call. Every step runs even if an earlier
 * one failed; the first failure is reported after all were tried. A VLAN gateway
 * ({@link VlanGateway}) stays: other pods of its VLAN use it, as in the reference.
 */
final class DelCommand {
    private final Optional<Path> hostNetns;

    DelCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BridgeConfig cfg = BridgeConfig.of(conf, req.args());
        String ifname = req.ifname();
        Attempts attempts = new Attempts();
        if (cfg.ipamType().isPresent()) {
            attempts.attempt(() -> IpamPlugins.forType(cfg.ipamType().get(), req.path()).del(req));
        }
        String hostVeth = HostVethName.of(req.containerId(), ifname);
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            if (req.netns().isPresent()) {
                attempts.attempt(() -> deletePodEnd(req, ifname, host, hostVeth));
            }
            attempts.attempt(() -> deleteHostEnd(host, new AttachmentAlias(cfg.network(), req.containerId(), ifname), hostVeth));
            if (cfg.ipMasq()) {
                AttachmentRuleId id = new AttachmentRuleId(cfg.network(), req.containerId(), ifname);
                for (MasqueradeRules masq : new MasqueradeBackends(host.tools(), host.ns()).all()) {
                    attempts.attempt(() -> masq.del(id));
                }
            }
            if (cfg.macSpoofCheck()) {
                attempts.attempt(() -> new MacSpoofCheck(host.ns()).del(req.containerId(), ifname));
            }
        }
        attempts.throwIfAny();
    }

    /**
     * Deletes the pod's end, and with it the host veth; returns once the kernel has unlisted both,
     * without waiting out the rest of the teardown ({@link LinkRemoval}).
     */
    private static void deletePodEnd(Request req, String ifname, HostSide host, String hostVeth) throws CniException {
        Optional<PodSide> opened = PodSide.tryOpen(req);
        if (opened.isEmpty()) {
            return; // the namespace is gone, and with it the veth pair
        }
        try (PodSide pod = opened.get()) {
            Optional<Link> end = KernelCall.get("look up " + ifname + " in the pod", () -> pod.nl().links().find(ifname));
            if (end.isEmpty()) {
                return;
            }
            LinkRef target = new LinkRef(pod.ns(), end.get().index());
            // The kernel announces a veth's peer after the veth: wait for the host end when it is ours.
            Optional<Link> peer = KernelCall.get("look up " + hostVeth, () -> host.nl().links().find(hostVeth))
                    .filter(h -> end.get().parentIndex().equals(OptionalInt.of(h.index())));
            LinkRef last = peer.map(h -> new LinkRef(host.ns(), h.index())).orElse(target);
            KernelCall.deleteIfPresent("delete " + ifname + " in the pod", () -> LinkRemoval.delete(target, last), Errno.ENODEV);
        }
    }

    /**
     * The host end normally went with the pod end; it remains when the pod's namespace was
     * replaced or the peer was moved. Only a veth carrying this attachment's alias is deleted.
     */
    private static void deleteHostEnd(HostSide host, AttachmentAlias alias, String hostVeth) throws CniException {
        Optional<Link> l = KernelCall.get("look up " + hostVeth, () -> host.nl().links().find(hostVeth));
        if (l.isPresent() && l.get().alias().flatMap(AttachmentAlias::parse).equals(Optional.of(alias))) {
            KernelCall.deleteIfPresent("delete host veth " + hostVeth, () -> host.nl().links().delete(hostVeth), Errno.ENODEV);
        }
    }
}
