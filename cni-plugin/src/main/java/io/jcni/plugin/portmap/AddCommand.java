package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.netlink.IpFamily;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.Rollback;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * ADD: forwards the mapped host ports to the pod's first IPv4 and first IPv6 address from
 * prevResult, sets route_localnet on the host interface toward an IPv4 pod when snat is on (as
 * the reference 1.1.1 does for iptables; for nftables too, where the reference's localhost
 * masquerade rule is useless without it), then flushes stale UDP conntrack entries of the host
 * ports, and passes prevResult through as its result. A failure removes the pod's rules again.
 */
final class AddCommand {
    private final Optional<Path> hostNetns;

    AddCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    Result run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        PortmapConfig cfg = PortmapConfig.of(conf);
        Result prev = conf.requirePrevResult("portmap must be called as a chained plugin, after the one that made the interface");
        if (cfg.mappings().isEmpty()) {
            return prev;
        }
        List<IpPrefix> pods = ContainerAddresses.of(prev, req.ifname());
        try (HostSide host = HostSide.open(hostNetns, req.environment()); Rollback rollback = new Rollback()) {
            PortForwarding backend = PortForwardings.forAdd(cfg, host.tools(), host.ns());
            rollback.push("delete the port forwarding rules of " + req.containerId(),
                    () -> backend.del(cfg.network(), req.containerId()));
            for (IpPrefix pod : pods) {
                backend.add(cfg, req.containerId(), pod);
                if (cfg.snat() && pod.isIpv4()) {
                    RouteLocalnet.enable(host, pod.address());
                }
                StaleUdpConntrack.flush(host.ns(), pod.isIpv4() ? IpFamily.IPV4 : IpFamily.IPV6, cfg.mappings());
            }
            rollback.commit();
        }
        return prev;
    }
}
