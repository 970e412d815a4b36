package io.jcni.plugin.bridge;

import io.jcni.conf.CniArgs;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.netlink.testing.ScratchNamespace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox host namespace, pod namespaces and an IPAM store directory for one plugin test; the
 * plugin serves the sandbox host. Everything is removed on close.
 */
final class BridgeLab implements AutoCloseable {
    static final String NETWORK = "jt-net";
    final ScratchNamespace host;
    final Path dataDir;
    final String bridge;
    final BridgePlugin plugin;
    private final java.util.List<ScratchNamespace> pods = new java.util.ArrayList<>();

    BridgeLab(Path tempDir) {
        this(tempDir, null);
    }

    /** A lab whose bridge has a given name (null: one derived from the host namespace's). */
    BridgeLab(Path tempDir, String bridgeName) {
        host = ScratchNamespace.create("br-host");
        dataDir = tempDir.resolve("ipam-" + host.name());
        bridge = bridgeName != null ? bridgeName : "jtbr" + host.name().substring(host.name().length() - 6);
        plugin = new BridgePlugin(host.path());
    }

    ScratchNamespace pod() {
        ScratchNamespace p = ScratchNamespace.create("br-pod");
        pods.add(p);
        return p;
    }

    /** Removes a pod namespace early (to test DEL after the namespace is gone). */
    void removePod(ScratchNamespace p) {
        pods.remove(p);
        p.close();
    }

    /** A bridge config with dual-stack host-local IPAM and extra top-level keys. */
    String config(String extra) {
        return config("1.0.0", extra, "[[{\"subnet\":\"10.99.0.0/24\"}],[{\"subnet\":\"fd00:99::/64\"}]]");
    }

    String config(String version, String extra, String ranges) {
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"" + NETWORK + "\",\"type\":\"bridge\",\"bridge\":\"" + bridge + "\""
                + (extra.isEmpty() ? "" : "," + extra)
                + ",\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"" + dataDir + "\",\"ranges\":" + ranges
                + ",\"routes\":[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"::/0\"}]}}";
    }

    static Request request(Verb verb, String containerId, Optional<Path> netns, String config) {
        return Request.builder(verb).containerId(containerId).netns(netns.map(Path::toString)).ifname("eth0")
                .path(List.of(Path.of("/usr/lib/cni"))).config(config).build();
    }

    /** Whether host-local still holds {@code address} for this network. */
    boolean reserved(String address) {
        return Files.exists(dataDir.resolve(NETWORK).resolve(address));
    }

    @Override
    public void close() {
        for (ScratchNamespace p : pods) {
            p.close();
        }
        host.close();
    }
}
