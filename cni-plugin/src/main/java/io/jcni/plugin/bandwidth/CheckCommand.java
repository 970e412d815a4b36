package io.jcni.plugin.bandwidth;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.tc.Classes;
import io.jcni.netlink.tc.Filters;
import io.jcni.netlink.tc.Handles;
import io.jcni.netlink.tc.HtbClass;
import io.jcni.netlink.tc.PschedClock;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Qdiscs;
import io.jcni.netlink.tc.Tbf;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.netlink.tc.U32Key;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CHECK: the host veth's root qdisc shapes ingress as the config asks ({@link RootShaping}: the
 * tbf's rate, buffer and limit; with subnets the htb's default class, classes and subnet filters),
 * and for egress the ifb device exists, shaped the same way, while the host veth's ingress qdisc
 * redirects everything to it. Each mismatch is an error that names the device and what differs.
 */
final class CheckCommand {
    private final Optional<Path> hostNetns;

    CheckCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BandwidthConfig cfg = BandwidthConfig.of(conf);
        Result prev = conf.requirePrevResult("CHECK needs the result of the ADD");
        if (cfg.shaping().isEmpty() || cfg.shaping().get().isZero()) {
            return;
        }
        Shaping shaping = cfg.shaping().get();
        String netns = req.requireNetns();
        PschedClock clock = KernelCall.get("read the packet scheduler clock", PschedClock::read);
        try (HostSide host = HostSide.open(hostNetns, req.environment()); PodSide pod = PodSide.open(req)) {
            Link veth = HostInterface.find(host, pod, req.ifname(), prev);
            if (shaping.shapesIngress()) {
                expect(host, veth, RootShaping.of(veth.index(), shaping.ingressRate(), shaping.ingressBurst(), shaping, clock));
            }
            if (shaping.shapesEgress()) {
                String name = IfbName.of(cfg.network(), req.containerId());
                Link ifb = KernelCall.get("look up " + name, () -> host.nl().links().find(name))
                        .filter(l -> l.kind().equals(Optional.of("ifb")))
                        .orElseThrow(() -> differs("ifb " + name + ": not found"));
                expect(host, ifb, RootShaping.of(ifb.index(), shaping.egressRate(), shaping.egressBurst(), shaping, clock));
                Qdiscs qdiscs = new Qdiscs(host.nl().socket());
                List<Qdisc> onVeth = KernelCall.get("list qdiscs of " + veth.name(), () -> qdiscs.list(veth.index()));
                if (!onVeth.contains(EgressRedirect.ingress(veth.index()))) {
                    throw differs("host veth " + veth.name() + ": no ingress qdisc ffff:");
                }
                U32Filter want = EgressRedirect.redirect(veth.index(), ifb.index());
                List<U32Filter> filters = KernelCall.get("list filters of " + veth.name(),
                        () -> new Filters(host.nl().socket()).listU32(veth.index(), EgressRedirect.INGRESS_HANDLE));
                if (filters.stream().noneMatch(f -> sameRule(f, want) && f.actions().equals(want.actions()))) {
                    throw differs("host veth " + veth.name() + ": no u32 filter redirecting its ingress to " + name);
                }
            }
        }
    }

    private static void expect(HostSide host, Link link, RootShaping want) throws CniException {
        Qdiscs qdiscs = new Qdiscs(host.nl().socket());
        List<Qdisc> present = KernelCall.get("list qdiscs of " + link.name(), () -> qdiscs.list(link.index()));
        Qdisc wanted = want.qdisc();
        Optional<Qdisc> root = present.stream().filter(q -> q.parent() == Handles.ROOT).findFirst();
        if (root.isEmpty() || !root.get().kind().equals(wanted.kind())) {
            throw differs(link.name() + ": no root " + wanted.kind() + " qdisc" + root.map(q -> " (found " + q.kind() + ")").orElse(""));
        }
        if (root.get().tbf().isPresent() && !root.get().tbf().equals(wanted.tbf())) {
            throw differs(link.name() + ": tbf is " + describe(root.get().tbf().get()) + "; the config asks for "
                    + describe(wanted.tbf().orElseThrow()));
        }
        if (!root.get().equals(wanted)) {
            throw differs(link.name() + ": root qdisc is " + root.get().describe() + " " + root.get().parameters().orElse(null)
                    + "; the config asks for " + wanted.parameters().orElse(null));
        }
        if (!want.classes().isEmpty()) {
            List<HtbClass> classes = KernelCall.get("list classes of " + link.name(),
                    () -> new Classes(host.nl().socket()).listHtb(link.index()));
            if (classes.size() != want.classes().size()) {
                throw differs(link.name() + ": " + classes.size() + " htb classes, the config asks for " + want.classes().size());
            }
            for (HtbClass c : want.classes()) {
                if (classes.stream().noneMatch(h -> h.handle() == c.handle() && h.rate() == c.rate() && h.ceil() == c.ceil()
                        && h.buffer() == c.buffer() && h.cbuffer() == c.cbuffer())) {
                    throw differs(link.name() + ": htb class " + Handles.format(c.handle()) + " with rate " + c.rate()
                            + " B/s, ceil " + c.ceil() + " B/s, buffer " + Integer.toUnsignedString(c.buffer()) + " ticks is missing");
                }
            }
        }
        if (!want.filters().isEmpty()) {
            List<U32Filter> filters = KernelCall.get("list filters of " + link.name(),
                    () -> new Filters(host.nl().socket()).listU32(link.index(), wanted.handle()));
            for (U32Filter f : want.filters()) {
                if (filters.stream().noneMatch(h -> sameRule(h, f))) {
                    throw differs(link.name() + ": u32 filter pref " + f.priority() + " to class " + Handles.format(f.classId())
                            + " matching " + f.keys() + " is missing");
                }
            }
        }
    }

    /** Same match and target; the handle is the kernel's choice and the hash table heads carry no keys. */
    private static boolean sameRule(U32Filter have, U32Filter want) {
        List<U32Key> wantKeys = want.keys().isEmpty() ? List.of(U32Key.ALL) : want.keys();
        return have.priority() == want.priority() && have.protocol() == want.protocol() && have.classId() == want.classId()
                && have.keys().equals(wantKeys);
    }

    private static String describe(Tbf t) {
        return "rate " + t.rate() + " B/s, buffer " + Integer.toUnsignedString(t.buffer()) + " ticks, limit "
                + Integer.toUnsignedString(t.limit()) + " B";
    }

    private static CniException differs(String message) {
        return new CniException(HostErrors.STATE_DIFFERS, message);
    }
}
