package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.Result;
import io.jcni.netlink.link.Ifb;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.tc.Classes;
import io.jcni.netlink.tc.Filters;
import io.jcni.netlink.tc.Handles;
import io.jcni.netlink.tc.HtbClass;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.netlink.tc.PschedClock;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Qdiscs;
import io.jcni.plugin.kernel.AttachmentAlias;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;
import io.jcni.plugin.kernel.Rollback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ADD: shapes the pod's traffic on the host end of its veth, as the reference does: ingress (into
 * the pod) at the root of the host veth; egress (out of the pod) by redirecting what the host veth
 * receives to an ifb device, shaped at its root ({@link RootShaping}: a tbf, or with subnets an htb). Returns prevResult, plus the ifb device when there is one.
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
        Result prev = conf.requirePrevResult("bandwidth must be called as a chained plugin");
        if (cfg.shaping().isEmpty() || cfg.shaping().get().isZero()) {
            return prev;
        }
        Shaping shaping = cfg.shaping().get();
        String netns = req.requireNetns();
        PschedClock clock = KernelCall.get("read the packet scheduler clock", PschedClock::read);
        try (HostSide host = HostSide.open(hostNetns, req.environment()); PodSide pod = PodSide.open(req); Rollback rollback = new Rollback()) {
            Link veth = HostInterface.find(host, pod, req.ifname(), prev);
            Qdiscs qdiscs = new Qdiscs(host.nl().socket());
            List<Interface> interfaces = new ArrayList<>(prev.interfaces());
            if (shaping.shapesIngress()) {
                install(host, "shape ingress", veth.name(),
                        RootShaping.of(veth.index(), shaping.ingressRate(), shaping.ingressBurst(), shaping, clock), rollback);
            }
            if (shaping.shapesEgress()) {
                String name = IfbName.of(cfg.network(), req.containerId());
                Ifb spec = Ifb.named(name).withMtu(veth.mtu()).withTxQueueLength(RootShaping.ifbQueueLength(shaping));
                KernelCall.run("shape egress: create ifb " + name, () -> host.nl().links().add(spec));
                rollback.push("delete ifb " + name, () -> host.nl().links().delete(name));
                // The alias lets GC tell whose device this is; the name alone is a one-way hash.
                KernelCall.run("set the alias of " + name, () -> host.nl().links().setAlias(name,
                        new AttachmentAlias(cfg.network(), req.containerId(), req.ifname()).text()));
                KernelCall.run("set " + name + " up", () -> host.nl().links().setUp(name));
                Link ifb = KernelCall.get("look up " + name, () -> host.nl().links().get(name));

                Qdisc ingress = EgressRedirect.ingress(veth.index());
                KernelCall.run("shape egress: add ingress qdisc on " + veth.name(), () -> qdiscs.add(ingress));
                rollback.push("delete the ingress qdisc of " + veth.name(), () -> qdiscs.delete(ingress));
                KernelCall.run("shape egress: redirect what " + veth.name() + " receives to " + name,
                        () -> new Filters(host.nl().socket()).add(EgressRedirect.redirect(veth.index(), ifb.index())));
                install(host, "shape egress", name,
                        RootShaping.of(ifb.index(), shaping.egressRate(), shaping.egressBurst(), shaping, clock), rollback);
                interfaces.add(new Interface(name, ifb.mac().map(Object::toString).orElse(""), null));
            }
            rollback.commit();
            return new Result(interfaces, prev.ips(), prev.routes(), prev.dns());
        }
    }

    /** The root qdisc (undone by deleting it, which takes its classes and filters along), then classes and filters. */
    private static void install(HostSide host, String step, String link, RootShaping shape, Rollback rollback) throws CniException {
        Qdiscs qdiscs = new Qdiscs(host.nl().socket());
        Qdisc root = shape.qdisc();
        KernelCall.run(step + ": add " + root.kind() + " qdisc on " + link, () -> qdiscs.add(root));
        rollback.push("delete the " + root.kind() + " qdisc of " + link, () -> qdiscs.delete(root));
        Classes classes = new Classes(host.nl().socket());
        for (HtbClass c : shape.classes()) {
            KernelCall.run(step + ": add htb class " + Handles.format(c.handle()) + " on " + link, () -> classes.add(c));
        }
        Filters filters = new Filters(host.nl().socket());
        for (U32Filter f : shape.filters()) {
            KernelCall.run(step + ": add u32 filter pref " + f.priority() + " on " + link, () -> filters.add(f));
        }
    }
}
