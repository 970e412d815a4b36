package io.jcni.manager.routes;

import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.route.Route;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The routes one node wants: for every other node, each of its pod CIDRs via its first InternalIP
 * of the same family, in the main table with {@link HostGwRoutes#PROTOCOL}. A node without an
 * InternalIP of a CIDR's family, or with an unparsable CIDR, contributes no route for it.
 */
final class HostGwPlan {
    private HostGwPlan() {
    }

    static List<Route> routes(String self, Collection<PeerNode> nodes) {
        List<Route> out = new ArrayList<>();
        for (PeerNode n : nodes) {
            if (n.name().equals(self)) {
                continue;
            }
            for (IpPrefix cidr : n.podCidrs()) {
                Optional<InetAddress> via = n.internalIps().stream()
                        .filter(ip -> (ip.getAddress().length == 4) == cidr.isIpv4()).findFirst();
                via.ifPresent(gw -> out.add(Route.via(cidr.address(), cidr.prefixLength(), gw)
                        .withProtocol(HostGwRoutes.PROTOCOL)));
            }
        }
        return out;
    }
}
