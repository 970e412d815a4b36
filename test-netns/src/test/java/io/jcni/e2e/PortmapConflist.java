package io.jcni.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Map;

/**
 * The conflist the portmap tests use: a dual-stack gateway bridge with masquerade and hairpin
 * mode, then {@code portmap}; and the capability args a runtime sends with it. Host port 8080/tcp
 * goes to the pod's 80, 8081/udp to 81, and 9090/tcp on 127.0.0.1 only to 90.
 */
final class PortmapConflist {
    static final String SUBNET4 = "10.23.0.0/24";
    static final String SUBNET6 = "fd00:23::/64";
    static final int TCP_HOST_PORT = 8080;
    static final int TCP_POD_PORT = 80;
    static final int UDP_HOST_PORT = 8081;
    static final int UDP_POD_PORT = 81;
    static final int LOCALHOST_HOST_PORT = 9090;
    static final int LOCALHOST_POD_PORT = 90;
    static final Map<String, String> CAP_ARGS = Map.of("CAP_ARGS", "{\"portMappings\":["
            + "{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"},"
            + "{\"hostPort\":8081,\"containerPort\":81,\"protocol\":\"udp\"},"
            + "{\"hostPort\":9090,\"containerPort\":90,\"protocol\":\"tcp\",\"hostIP\":\"127.0.0.1\"}]}");

    private PortmapConflist() {
    }

    /** {@code portmapOptions} are extra keys of the portmap entry ({@code backend}, {@code snat}, ...). */
    static BridgeConflist of(String version, Path ipam, Map<String, String> portmapOptions) {
        ObjectNode portmap = Json.object().put("type", "portmap");
        portmap.set("capabilities", Json.object().put("portMappings", true));
        portmapOptions.forEach(portmap::put);
        return new BridgeConflist(version, ipam)
                .option("isGateway", true).option("isDefaultGateway", true).option("ipMasq", true)
                .option("hairpinMode", true)
                .subnet(SUBNET4).subnet(SUBNET6)
                .chain(portmap);
    }
}
