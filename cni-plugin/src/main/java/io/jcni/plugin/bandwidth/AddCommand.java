package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.Result;
import io.jcni.netlink.link.Ifb;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.tc.Filters;
import io.jcni.netlink.tc.PschedClock;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Qdiscs;
import io.jcni.netlink.tc.Tbf;
import io.jcni.plugin.bridge.AttachmentAlias;
import io.jcni.plugin.bridge.HostSide;
import io.jcni.plugin.bridge.KernelCall;
import io.jcni.plugin.bridge.PodSide;
import io.jcni.plugin.bridge.Rollback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ADD: shapes the pod's traffic on the host end of its veth, as the reference does: ingress (into
 * the pod) with a tbf on the host veth; egress (out of the pod) by redirecting what the host veth
 * receives to an ifb device with a tbf. Returns prevResult, plus the ifb device when there is one.
 * Every step registers its undo first, so a failed ADD leaves neither qdisc nor ifb behind.
 */
final class AddCommand {
    private final Optional<Path> hostNetns;

    AddCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    Result run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BandwidthConfig cfg = BandwidthConfig.of(conf);
        Result prev = conf.prevResult().orElseThrow(() -> new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                "prevResult: required; bandwidth must be called as a chained plugin"));
        if (cfg.shaping().isEmpty() || cfg.shaping().get().isZero()) {
            return prev;
        }
        Shaping shaping = cfg.shaping().get();
        SubnetShaping.refuse(shaping);
        String netns = req.netns().orElseThrow(() -> new CniException(ErrorCode.INVALID_ENVIRONMENT,
                "CNI_NETNS: required for ADD"));
        PschedClock clock = KernelCall.get("read the packet scheduler clock", PschedClock::read);
        try (HostSide host = HostSide.open(hostNetns); PodSide pod = PodSide.open(netns); Rollback rollback = new Rollback()) {
            Link veth = HostInterface.find(host, pod, req.ifname(), prev);
            Qdiscs qdiscs = new Qdiscs(host.nl.socket());
            List<Interface> interfaces = new ArrayList<>(prev.interfaces());
            if (shaping.shapesIngress()) {
                Qdisc tbf = TrafficShapes.tbf(veth.index(), Tbf.forBits(shaping.ingressRate(), shaping.ingressBurst(), clock));
                KernelCall.run("shape ingress: add " + tbf.kind() + " qdisc on " + veth.name(), () -> qdiscs.add(tbf));
                rollback.push("delete the tbf qdisc of " + veth.name(), () -> qdiscs.delete(tbf));
            }
            if (shaping.shapesEgress()) {
                String name = IfbName.of(cfg.network(), req.containerId());
                Ifb spec = Ifb.named(name).withMtu(veth.mtu()).withTxQueueLength(0);
                KernelCall.run("shape egress: create ifb " + name, () -> host.nl.links().add(spec));
                rollback.push("delete ifb " + name, () -> host.nl.links().delete(name));
                // The alias lets GC tell whose device this is; the name alone is a one-way hash.
                KernelCall.run("set the alias of " + name, () -> host.nl.links().setAlias(name,
                        new AttachmentAlias(cfg.network(), req.containerId(), req.ifname()).text()));
                KernelCall.run("set " + name + " up", () -> host.nl.links().setUp(name));
                Link ifb = KernelCall.get("look up " + name, () -> host.nl.links().get(name));

                Qdisc ingress = TrafficShapes.ingress(veth.index());
                KernelCall.run("shape egress: add ingress qdisc on " + veth.name(), () -> qdiscs.add(ingress));
                rollback.push("delete the ingress qdisc of " + veth.name(), () -> qdiscs.delete(ingress));
                KernelCall.run("shape egress: redirect what " + veth.name() + " receives to " + name,
                        () -> new Filters(host.nl.socket()).add(TrafficShapes.redirect(veth.index(), ifb.index())));
                Qdisc tbf = TrafficShapes.tbf(ifb.index(), Tbf.forBits(shaping.egressRate(), shaping.egressBurst(), clock));
                KernelCall.run("shape egress: add tbf qdisc on " + name, () -> qdiscs.add(tbf));
                interfaces.add(new Interface(name, ifb.mac().map(Object::toString).orElse(""), null));
            }
            rollback.commit();
            return new Result(interfaces, prev.ips(), prev.routes(), prev.dns());
        }
    }
}
