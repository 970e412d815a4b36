package io.jcni.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * The conflist of the CRI suite, as a node's {@code /etc/cni/net.d} would hold it: the dual-stack
 * gateway bridge of {@link PortmapConflist} (which also takes the {@code dns} capability, so that
 * containerd hands it the pod's DNS config), {@code portmap} for hostPorts and {@code bandwidth}
 * for the pods' bandwidth annotations, each with the capability containerd's CRI fills in.
 */
final class CriConflist {
    static final String GATEWAY4 = "10.23.0.1";

    private CriConflist() {
    }

    static BridgeConflist of(Path ipam) {
        ObjectNode bandwidth = Json.object().put("type", "bandwidth");
        bandwidth.putObject("capabilities").put("bandwidth", true);
        BridgeConflist net = PortmapConflist.of("1.0.0", ipam, Map.of()).chain(bandwidth);
        ((ObjectNode) net.json().path("plugins").get(0)).putObject("capabilities").put("dns", true);
        return net;
    }
}
