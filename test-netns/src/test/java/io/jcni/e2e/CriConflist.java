package io.jcni.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * The conflist of the CRI suite, as a node's {@code /etc/cni/net.d} would hold it: the dual-stack
 * gateway bridge of {@link PortmapConflist} (which also takes the {@code dns} capability, so that
 * containerd hands it the pod's DNS config), {@code portmap} for hostPorts, {@code firewall}
 * (iptables), {@code tuning} (the pod's MTU, backups under the test's directory) and
 * {@code bandwidth} for the pods' bandwidth annotations; each with the capability containerd's CRI
 * fills in.
 */
final class CriConflist {
    static final String GATEWAY4 = "10.23.0.1";
    static final int POD_MTU = 1400;

    private CriConflist() {
    }

    /** {@code dir} holds the IPAM store ({@code ipam}) and tuning's backups ({@code tuning}). */
    static BridgeConflist of(Path dir) {
        ObjectNode tuning = Json.object().put("type", "tuning").put("mtu", POD_MTU)
                .put("dataDir", tuningDirectory(dir).toString());
        ObjectNode bandwidth = Json.object().put("type", "bandwidth");
        bandwidth.putObject("capabilities").put("bandwidth", true);
        BridgeConflist net = PortmapConflist.of("1.0.0", dir.resolve("ipam"), Map.of())
                .chain(Json.object().put("type", "firewall").put("backend", "iptables"))
                .chain(tuning)
                .chain(bandwidth);
        ((ObjectNode) net.json().path("plugins").get(0)).putObject("capabilities").put("dns", true);
        return net;
    }

    static Path tuningDirectory(Path dir) {
        return dir.resolve("tuning");
    }
}
