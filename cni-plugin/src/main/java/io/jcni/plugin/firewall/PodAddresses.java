package io.jcni.plugin.firewall;

import io.jcni.conf.result.Interface;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;

import java.util.List;
import java.util.Optional;

/**
 * What the rules are about: the attachment (network, container ID, ifname), the pod's addresses
 * from prevResult (none when DEL runs without it) and the bridge, which the reference takes to be
 * prevResult's first interface.
 */
record PodAddresses(String network, String containerId, String ifname, List<IpPrefix> addresses, Optional<String> bridge) {
    static PodAddresses of(String network, String containerId, String ifname, Optional<Result> prev) {
        List<IpPrefix> addrs = prev.map(r -> r.ips().stream().map(IpConfig::address).toList()).orElse(List.of());
        Optional<String> bridge = prev.flatMap(r -> r.interfaces().stream().findFirst()).map(Interface::name)
                .filter(n -> !n.isEmpty());
        return new PodAddresses(network, containerId, ifname, addrs, bridge);
    }

    List<IpPrefix> ofFamily(boolean ipv4) {
        return addresses.stream().filter(a -> a.isIpv4() == ipv4).toList();
    }
}
