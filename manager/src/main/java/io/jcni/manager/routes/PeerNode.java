package io.jcni.manager.routes;

import io.jcni.conf.result.IpPrefix;

import java.net.InetAddress;
import java.util.List;

/**
 * What host-gw routing needs to know of a Node: its name, its pod CIDRs ({@code spec.podCIDRs},
 * else {@code spec.podCIDR}) and its InternalIP addresses ({@code status.addresses}).
 */
public record PeerNode(String name, List<IpPrefix> podCidrs, List<InetAddress> internalIps) {
    public PeerNode {
        podCidrs = List.copyOf(podCidrs);
        internalIps = List.copyOf(internalIps);
    }
}
