package io.jcni.manager.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * cnitool's conventions for one attachment: {@code CNI_IFNAME} (default {@code eth0}),
 * {@code CNI_ARGS} ({@code K=V;K2=V2}), {@code CAP_ARGS} (a JSON object of capability arguments)
 * and a container ID derived from the absolute netns path ({@code cnitool-} and the first 10 bytes
 * of its SHA-512 in hex) unless {@code CNI_CONTAINERID} names one.
 */
public final class CnitoolEnvironment {
    private CnitoolEnvironment() {
    }

    public static RuntimeConf runtimeConf(Map<String, String> env, String netns) throws CniException {
        String path = netns.isEmpty() ? "" : Path.of(netns).toAbsolutePath().normalize().toString();
        String containerId = env.getOrDefault("CNI_CONTAINERID", "");
        if (containerId.isEmpty()) {
            containerId = derivedContainerId(path);
        }
        String ifName = env.containsKey("CNI_IFNAME") ? env.get("CNI_IFNAME") : "eth0";
        return new RuntimeConf(containerId, path, ifName, CniArgs.parse(env.get("CNI_ARGS")), capabilityArgs(env.get("CAP_ARGS")));
    }

    /** cnitool's container ID for a netns path. */
    public static String derivedContainerId(String netnsPath) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-512").digest(netnsPath.getBytes(StandardCharsets.UTF_8));
            return "cnitool-" + HexFormat.of().formatHex(sum, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private static ObjectNode capabilityArgs(String raw) throws CniException {
        if (raw == null || raw.isBlank()) {
            return Json.object();
        }
        JsonNode n = Json.read(raw.getBytes(StandardCharsets.UTF_8), "CAP_ARGS");
        if (!n.isObject()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CAP_ARGS: expected a JSON object of capability arguments");
        }
        return (ObjectNode) n;
    }
}
