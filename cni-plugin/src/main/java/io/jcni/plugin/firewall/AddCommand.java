package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;
import io.jcni.plugin.kernel.HostSide;

import java.nio.file.Path;
import java.util.Optional;

/**
 * ADD: the rules that let prevResult's addresses be forwarded, then the ingress policy; returns
 * prevResult unchanged. Everything is validated before the first change; when a change fails
 * part way, the pod's rules are removed again (the shared chains and jumps stay, as they would
 * for any other pod).
 */
final class AddCommand {
    /** IFNAMSIZ - 1. */
    private static final int MAX_IFNAME = 15;

    private final Optional<Path> hostNetns;

    AddCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    Result run(Request req) throws CniException {
        FirewallConfig cfg = FirewallConfig.of(NetworkConfig.parse(req.config()));
        Result prev = cfg.requirePrevResult("ADD");
        PodAddresses pod = PodAddresses.of(cfg.network(), req.containerId(), req.ifname(), Optional.of(prev));
        if (cfg.ingressPolicy() == IngressPolicy.SAME_BRIDGE) {
            if (pod.bridge().isEmpty()) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "ingressPolicy: \"same-bridge\" needs the bridge as the"
                        + " first interface of prevResult; chain firewall after bridge");
            }
            String bridge = pod.bridge().get();
            if (bridge.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_IFNAME
                    || !bridge.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != ':' && c != '"')) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "prevResult.interfaces[0].name: \"" + bridge
                        + "\" is not an interface name, so ingressPolicy \"same-bridge\" cannot match on it");
            }
        }
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            FirewallRules rules = FirewallBackends.of(cfg.backend(), host);
            try {
                rules.add(pod, cfg);
            } catch (CniException | RuntimeException e) {
                try {
                    rules.del(pod, cfg);
                } catch (CniException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        }
        return prev;
    }
}
