package io.jcni.plugin.portmap;

import io.jcni.conf.CniArgs;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.netlink.testing.ScratchNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sandbox host namespace with a bridge holding 10.99.0.1/24 and fd99::1/64 (so the pod
 * addresses 10.99.0.5 and fd99::5 route through it), our plugin serving it, and the reference
 * plugin runnable in it. Removed on close.
 */
final class PortmapLab implements AutoCloseable {
    static final Path REFERENCE_DIR = Path.of("/usr/lib/cni");
    static final String NETWORK = "pm-net";
    final ScratchNamespace host;
    final String bridge;
    final PortmapPlugin plugin;

    /** What the reference printed and its exit status. */
    record Outcome(int exit, String stdout) {
    }

    PortmapLab() {
        host = ScratchNamespace.create("pm-host");
        bridge = "pmbr" + host.name().substring(host.name().length() - 6);
        plugin = new PortmapPlugin(host.path());
        host.exec("ip", "link", "add", bridge, "type", "bridge");
        host.exec("ip", "link", "set", bridge, "up");
        host.exec("ip", "addr", "add", "10.99.0.1/24", "dev", bridge);
        host.exec("ip", "addr", "add", "fd99::1/64", "dev", bridge, "nodad");
    }

    /** A portmap config in cniVersion 1.0.0 with a dual-stack prevResult, mappings and extra top-level keys. */
    static String config(String mappings, String extra) {
        return config("1.0.0", mappings, extra, prevResult(true));
    }

    static String config(String version, String mappings, String extra, String prevResult) {
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"" + NETWORK + "\",\"type\":\"portmap\","
                + "\"capabilities\":{\"portMappings\":true}"
                + (extra.isEmpty() ? "" : "," + extra)
                + (mappings == null ? "" : ",\"runtimeConfig\":{\"portMappings\":" + mappings + "}")
                + (prevResult == null ? "" : ",\"prevResult\":" + prevResult) + "}";
    }

    static String prevResult(boolean dualStack) {
        return "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"" + "pmveth0" + "\"},{\"name\":\"eth0\","
                + "\"sandbox\":\"/var/run/netns/pod\"}],\"ips\":[{\"address\":\"10.99.0.5/24\",\"interface\":1}"
                + (dualStack ? ",{\"address\":\"fd99::5/64\",\"interface\":1}" : "") + "],\"dns\":{}}";
    }

    static final String MAPPINGS = "[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"},"
            + "{\"hostPort\":8081,\"containerPort\":81,\"protocol\":\"udp\"},"
            + "{\"hostPort\":9090,\"containerPort\":90,\"protocol\":\"tcp\",\"hostIP\":\"127.0.0.1\"},"
            + "{\"hostPort\":9091,\"containerPort\":91,\"protocol\":\"sctp\",\"hostIP\":\"fd99::1\"}]";

    Request request(Verb verb, String containerId, String config) {
        return Request.builder(verb).containerId(containerId).netns(host.path().toString()).ifname("eth0")
                .path(List.of(REFERENCE_DIR)).config(config).build();
    }

    Outcome reference(String command, String containerId, String config) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.name(), "env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + containerId,
                "CNI_NETNS=" + host.path(), "CNI_IFNAME=eth0", "CNI_PATH=" + REFERENCE_DIR,
                REFERENCE_DIR.resolve("portmap").toString()));
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write(config.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Outcome(p.waitFor(), out);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(argv.toString(), e);
        }
    }

    String referenceOk(String command, String containerId, String config) {
        Outcome o = reference(command, containerId, config);
        if (o.exit() != 0) {
            throw new IllegalStateException("reference portmap " + command + " failed: " + o.stdout());
        }
        return o.stdout();
    }

    /** The nat table's chain declarations and rules of one family, without counters and comments lines. */
    List<String> nat(boolean v6) {
        String save = host.exec(v6 ? "ip6tables-save" : "iptables-save", "-t", "nat");
        return Arrays.stream(save.split("\n")).filter(l -> l.startsWith("-A ") || l.startsWith(":"))
                .map(l -> l.startsWith(":") ? l.replaceAll(" \\[\\d+:\\d+\\]$", "") : l).toList();
    }

    String routeLocalnet() {
        return host.exec("cat", "/proc/sys/net/ipv4/conf/" + bridge + "/route_localnet").strip();
    }

    @Override
    public void close() {
        host.close();
    }
}
