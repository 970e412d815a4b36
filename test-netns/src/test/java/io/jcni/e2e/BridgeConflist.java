package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * A conflist with a {@code bridge} plugin and {@code host-local} IPAM, optionally followed by
 * chained plugins. The IPAM store lives in a directory the test owns, never in /var/lib/cni.
 */
public final class BridgeConflist {
    public static final String NETWORK = "jt-net";
    public static final String BRIDGE = "cni0";

    private final ObjectNode root = Json.object();
    private final ObjectNode bridge;
    private final ObjectNode ipam;
    private final Path ipamDirectory;

    public BridgeConflist(String cniVersion, Path ipamDirectory) {
        this.ipamDirectory = ipamDirectory;
        root.put("cniVersion", cniVersion).put("name", NETWORK);
        bridge = root.putArray("plugins").addObject();
        bridge.put("type", "bridge").put("bridge", BRIDGE);
        ipam = bridge.putObject("ipam");
        ipam.put("type", "host-local").put("dataDir", ipamDirectory.toString());
        ipam.putArray("ranges");
    }

    /** Sets a bridge option ({@code isGateway}, {@code ipMasq}, {@code mtu}, ...). */
    public BridgeConflist option(String key, boolean value) {
        bridge.put(key, value);
        return this;
    }

    public BridgeConflist option(String key, int value) {
        bridge.put(key, value);
        return this;
    }

    public BridgeConflist option(String key, String value) {
        bridge.put(key, value);
        return this;
    }

    /** Adds a range set with one subnet: each call yields one more pod address. */
    public BridgeConflist subnet(String cidr) {
        ((ArrayNode) ipam.get("ranges")).addArray().addObject().put("subnet", cidr);
        return this;
    }

    public BridgeConflist route(String destination) {
        ipam.withArray("routes").addObject().put("dst", destination);
        return this;
    }

    /** Appends a plugin after the bridge (portmap, tuning, ...). */
    public BridgeConflist chain(JsonNode plugin) {
        root.withArray("plugins").add(plugin);
        return this;
    }

    /** The config a runtime hands the first (bridge) plugin: its entry plus name and cniVersion. */
    public ObjectNode bridgeConfig() {
        return bridge.deepCopy().put("cniVersion", root.path("cniVersion").asText()).put("name", NETWORK);
    }

    public String name() {
        return NETWORK;
    }

    /** The host-local store of this network: one file per reserved address. */
    public Path reservations() {
        return ipamDirectory.resolve(NETWORK);
    }

    public ObjectNode json() {
        return root;
    }

    @Override
    public String toString() {
        return Json.write(root);
    }
}
