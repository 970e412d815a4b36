package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;
import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpText;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.Route;
import io.jcni.ipam.IpamPlugins;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.link.Link;
import io.jcni.plugin.bridge.firewall.MasqueradeBackends;
import io.jcni.plugin.rules.AttachmentRuleId;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * CHECK: compares the kernel with prevResult (the pod interface, its MAC, addresses and routes,
 * the host veth's membership of the bridge, the masquerade rules) and lets IPAM check its
 * reservation. Each mismatch is an error that says what differs.
 */
final class CheckCommand {
    private final Optional<Path> hostNetns;

    CheckCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BridgeConfig cfg = BridgeConfig.of(conf, req.args());
        Result prev = conf.requirePrevResult("CHECK needs the result of the ADD");
        String netns = req.requireNetns();
        String ifname = req.ifname();
        if (cfg.ipamType().isPresent()) {
            IpamPlugins.forType(cfg.ipamType().get(), req.path()).check(req);
        }
        try (HostSide host = HostSide.open(hostNetns, req.environment()); PodSide pod = PodSide.open(req)) {
            Link podLink = KernelCall.get("look up " + ifname + " in the pod", () -> pod.nl().links().find(ifname))
                    .orElseThrow(() -> differs("interface " + ifname + ": not found in " + netns));
            int podIndex = indexOf(prev, ifname, netns).orElseThrow(() -> differs("prevResult: no interface "
                    + ifname + " with sandbox " + netns));
            String wantMac = prev.interfaces().get(podIndex).mac();
            String haveMac = podLink.mac().map(Object::toString).orElse("");
            if (wantMac != null && !wantMac.isEmpty() && !wantMac.equalsIgnoreCase(haveMac)) {
                throw differs("interface " + ifname + ": MAC is " + haveMac + ", prevResult says " + wantMac);
            }
            for (IpConfig ip : prev.ips()) {
                if (ip.interfaceIndex() != null && ip.interfaceIndex() != podIndex) {
                    continue;
                }
                if (!PodInterface.hasAddress(pod, podLink, ip)) {
                    throw differs("interface " + ifname + ": address " + ip.address() + " is missing");
                }
            }
            for (Route r : prev.routes()) {
                checkRoute(pod, podLink, prev, r);
            }
            Link br = KernelCall.get("look up bridge " + cfg.bridge(), () -> host.nl().links().find(cfg.bridge()))
                    .orElseThrow(() -> differs("bridge " + cfg.bridge() + ": not found"));
            if (!br.kind().equals(Optional.of("bridge"))) {
                throw differs("bridge " + cfg.bridge() + ": is not a bridge");
            }
            String vlanGateway = cfg.vlan() != 0 ? VlanGateway.name(cfg.bridge(), cfg.vlan()) : null;
            for (Interface i : prev.interfaces()) {
                if ((i.sandbox() != null && !i.sandbox().isEmpty()) || i.name().equals(cfg.bridge())) {
                    continue;
                }
                if (i.name().equals(vlanGateway)) {
                    // Not a port itself: its peer is. It only has to be there.
                    KernelCall.get("look up " + i.name(), () -> host.nl().links().find(i.name()))
                            .orElseThrow(() -> differs("VLAN gateway " + i.name() + ": not found"));
                    continue;
                }
                Link hostEnd = KernelCall.get("look up " + i.name(), () -> host.nl().links().find(i.name()))
                        .orElseThrow(() -> differs("host veth " + i.name() + ": not found"));
                if (!hostEnd.kind().equals(Optional.of("veth"))) {
                    // Not a bridge port: a device a chained plugin added (bandwidth's ifb), skipped as the reference does.
                    continue;
                }
                if (hostEnd.masterIndex().orElse(-1) != br.index()) {
                    throw differs("host veth " + i.name() + ": not attached to bridge " + br.name());
                }
            }
            if (cfg.ipMasq()) {
                new MasqueradeBackends(host.tools(), host.ns()).forAdd(cfg.ipMasqBackend(), cfg.ipMasqExcludeCidrs()).check(
                        new AttachmentRuleId(cfg.network(), req.containerId(), ifname),
                        prev.ips().stream().map(IpConfig::address).toList());
            }
        }
    }

    private static OptionalInt indexOf(Result prev, String ifname, String netns) {
        List<Interface> is = prev.interfaces();
        for (int i = 0; i < is.size(); i++) {
            if (is.get(i).name().equals(ifname) && is.get(i).sandbox() != null && !is.get(i).sandbox().isEmpty()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static void checkRoute(PodSide pod, Link podLink, Result prev, Route r) throws CniException {
        IpFamily f = IpFamily.of(r.dst().address());
        InetAddress gw = r.gw();
        if (gw == null) {
            gw = prev.ips().stream().filter(ip -> ip.isIpv4() == r.dst().isIpv4() && ip.gateway() != null)
                    .map(IpConfig::gateway).findFirst().orElse(null);
        }
        InetAddress dst = r.dst().subnet().address();
        InetAddress wantGw = gw;
        boolean found = KernelCall.get("list routes in the pod", () -> pod.nl().routes().list(f)).stream()
                .anyMatch(k -> k.destination().equals(dst) && k.destinationLength() == r.dst().prefixLength()
                        && k.linkIndex().orElse(podLink.index()) == podLink.index()
                        && (wantGw == null ? k.gateway().isEmpty() : k.gateway().equals(Optional.of(wantGw))));
        if (!found) {
            throw differs("interface " + podLink.name() + ": route to " + r.dst().subnet()
                    + (wantGw == null ? "" : " via " + IpText.format(wantGw)) + " is missing");
        }
    }

    private static CniException differs(String msg) {
        return new CniException(HostErrors.STATE_DIFFERS, msg);
    }
}
