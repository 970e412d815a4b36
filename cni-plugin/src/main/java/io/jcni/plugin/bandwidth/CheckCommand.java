package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.tc.Filters;
import io.jcni.netlink.tc.PschedClock;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Qdiscs;
import io.jcni.netlink.tc.Tbf;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.plugin.bridge.HostSide;
import io.jcni.plugin.bridge.KernelCall;
import io.jcni.plugin.bridge.PodSide;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CHECK: the host veth's root tbf matches ingressRate/ingressBurst, and for egress the ifb device
 * exists with a tbf matching egressRate/egressBurst while the host veth's ingress qdisc redirects
 * everything to it. Each mismatch is an error that names the device and what differs.
 */
final class CheckCommand {
    private final Optional<Path> hostNetns;

    CheckCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BandwidthConfig cfg = BandwidthConfig.of(conf);
        Result prev = conf.prevResult().orElseThrow(() -> new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                "prevResult: required for CHECK"));
        if (cfg.shaping().isEmpty() || cfg.shaping().get().isZero()) {
            return;
        }
        Shaping shaping = cfg.shaping().get();
        SubnetShaping.refuse(shaping);
        String netns = req.netns().orElseThrow(() -> new CniException(ErrorCode.INVALID_ENVIRONMENT,
                "CNI_NETNS: required for CHECK"));
        PschedClock clock = KernelCall.get("read the packet scheduler clock", PschedClock::read);
        try (HostSide host = HostSide.open(hostNetns); PodSide pod = PodSide.open(netns)) {
            Link veth = HostInterface.find(host, pod, req.ifname(), prev);
            Qdiscs qdiscs = new Qdiscs(host.nl.socket());
            if (shaping.shapesIngress()) {
                expectTbf(qdiscs, veth, Tbf.forBits(shaping.ingressRate(), shaping.ingressBurst(), clock));
            }
            if (shaping.shapesEgress()) {
                String name = IfbName.of(cfg.network(), req.containerId());
                Link ifb = KernelCall.get("look up " + name, () -> host.nl.links().find(name))
                        .filter(l -> l.kind().equals(Optional.of("ifb")))
                        .orElseThrow(() -> differs("ifb " + name + ": not found"));
                expectTbf(qdiscs, ifb, Tbf.forBits(shaping.egressRate(), shaping.egressBurst(), clock));
                List<Qdisc> onVeth = KernelCall.get("list qdiscs of " + veth.name(), () -> qdiscs.list(veth.index()));
                if (!onVeth.contains(TrafficShapes.ingress(veth.index()))) {
                    throw differs("host veth " + veth.name() + ": no ingress qdisc ffff:");
                }
                U32Filter want = TrafficShapes.redirect(veth.index(), ifb.index());
                List<U32Filter> filters = KernelCall.get("list filters of " + veth.name(),
                        () -> new Filters(host.nl.socket()).listU32(veth.index(), TrafficShapes.INGRESS_HANDLE));
                boolean found = filters.stream().anyMatch(f -> f.priority() == want.priority()
                        && f.protocol() == want.protocol() && f.classId() == want.classId()
                        && f.actions().equals(want.actions()));
                if (!found) {
                    throw differs("host veth " + veth.name() + ": no u32 filter redirecting its ingress to " + name);
                }
            }
        }
    }

    private static void expectTbf(Qdiscs qdiscs, Link link, Tbf want) throws CniException {
        List<Qdisc> present = KernelCall.get("list qdiscs of " + link.name(), () -> qdiscs.list(link.index()));
        Optional<Qdisc> root = present.stream().filter(q -> q.parent() == TrafficShapes.tbf(link.index(), want).parent()).findFirst();
        if (root.isEmpty() || root.get().tbf().isEmpty()) {
            throw differs(link.name() + ": no root tbf qdisc" + root.map(q -> " (found " + q.kind() + ")").orElse(""));
        }
        Tbf have = root.get().tbf().get();
        if (!have.equals(want)) {
            throw differs(link.name() + ": tbf is rate " + have.rate() + " B/s, buffer " + Integer.toUnsignedString(have.buffer())
                    + " ticks, limit " + Integer.toUnsignedString(have.limit()) + " B; the config asks for rate " + want.rate()
                    + " B/s, buffer " + Integer.toUnsignedString(want.buffer()) + " ticks, limit "
                    + Integer.toUnsignedString(want.limit()) + " B");
        }
    }

    private static CniException differs(String message) {
        return new CniException(BandwidthErrors.STATE_DIFFERS, message);
    }
}
