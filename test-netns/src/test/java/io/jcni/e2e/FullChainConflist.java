package io.jcni.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * The full chain a node's conflist holds: a dual-stack gateway {@code bridge} with masquerade and
 * host-local IPAM, then {@code portmap} (the {@code portMappings} capability of
 * {@link PortmapConflist}), {@code firewall} (iptables), {@code tuning} (a pod sysctl and the pod's
 * MTU, its backups under the test's directory) and {@code bandwidth} (both directions shaped).
 */
final class FullChainConflist {
    static final int POD_MTU = 1400;
    static final String SYSCTL = "net.ipv4.conf.IFNAME.arp_notify";
    static final long INGRESS_RATE = 80_000_000;
    static final long EGRESS_RATE = 40_000_000;
    static final long BURST = 800_000;

    private FullChainConflist() {
    }

    /** {@code dir} holds this network's IPAM store ({@code ipam}) and tuning backups ({@code tuning}). */
    static BridgeConflist of(String version, Path dir) {
        return PortmapConflist.of(version, dir.resolve("ipam"), Map.of())
                .chain(Json.object().put("type", "firewall").put("backend", "iptables"))
                .chain(tuning(dir))
                .chain(Json.object().put("type", "bandwidth").put("ingressRate", INGRESS_RATE).put("ingressBurst", BURST)
                        .put("egressRate", EGRESS_RATE).put("egressBurst", BURST));
    }

    private static ObjectNode tuning(Path dir) {
        ObjectNode tuning = Json.object().put("type", "tuning").put("dataDir", tuningDirectory(dir).toString())
                .put("mtu", POD_MTU);
        tuning.putObject("sysctl").put(SYSCTL, "1");
        return tuning;
    }

    static Path tuningDirectory(Path dir) {
        return dir.resolve("tuning");
    }
}
