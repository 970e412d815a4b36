package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.route.Route;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.SysctlWrite;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.Optional;

/**
 * {@code route_localnet=1} on the host interface that routes to the pod (the bridge), as the
 * reference sets it for IPv4 with snat: without it the kernel drops packets from 127.0.0.1 that
 * DNAT sends out of that interface, so a host port bound on 127.0.0.1 (or reached through
 * localhost) would not work.
 */
final class RouteLocalnet {
    private RouteLocalnet() {
    }

    static void enable(HostSide host, InetAddress pod) throws CniException {
        Optional<String> dev = routingInterface(host, pod);
        if (dev.isPresent()) {
            SysctlWrite.required(host.ns(), "net/ipv4/conf/" + dev.get() + "/route_localnet", "1");
        }
    }

    /** The interface of the most specific main-table route to {@code pod} (what {@code ip route get} answers for it). */
    static Optional<String> routingInterface(HostSide host, InetAddress pod) throws CniException {
        Optional<Route> best = KernelCall.get("list IPv4 routes", () -> host.nl().routes().list(IpFamily.IPV4)).stream()
                .filter(r -> r.linkIndex().isPresent())
                .filter(r -> new IpPrefix(r.destination(), r.destinationLength()).contains(pod))
                .max(Comparator.comparingInt(Route::destinationLength));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        int index = best.get().linkIndex().getAsInt();
        return KernelCall.get("look up link " + index, () -> host.nl().links().find(index)).map(Link::name);
    }
}
