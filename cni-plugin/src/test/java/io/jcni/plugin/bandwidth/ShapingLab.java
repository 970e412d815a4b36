package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniArgs;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.netlink.testing.ScratchNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox host namespace with pods wired to it by a veth pair each (what bridge or ptp leaves
 * for bandwidth to shape), the plugin serving that host, and the reference binary to compare with.
 */
final class ShapingLab implements AutoCloseable {
    static final String NETWORK = "jt-bw";
    static final Path REFERENCE = Path.of("/usr/lib/cni/bandwidth");

    final ScratchNamespace host = ScratchNamespace.create("bwh");
    final BandwidthPlugin plugin = new BandwidthPlugin(host.path());
    private final List<ScratchNamespace> pods = new ArrayList<>();

    /** What the reference printed and its exit status. */
    record Outcome(int exit, String stdout) {
    }

    /** A pod namespace whose eth0 is the peer of {@code hostVeth} in the host namespace. */
    ScratchNamespace pod(String hostVeth) {
        ScratchNamespace pod = ScratchNamespace.create("bwp");
        pods.add(pod);
        host.exec("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", pod.name());
        host.exec("ip", "link", "set", hostVeth, "up");
        pod.exec("ip", "link", "set", "eth0", "up");
        return pod;
    }

    void removePod(ScratchNamespace pod) {
        pods.remove(pod);
        pod.close();
    }

    /** A config with the given bandwidth keys and a prevResult naming the host veth and the pod's eth0. */
    static String config(String version, String keys, String hostVeth, ScratchNamespace pod) {
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"" + NETWORK + "\",\"type\":\"bandwidth\""
                + (keys.isEmpty() ? "" : "," + keys)
                + ",\"prevResult\":{\"cniVersion\":\"" + version + "\",\"interfaces\":[{\"name\":\"" + hostVeth
                + "\",\"mac\":\"02:00:00:00:00:01\"},{\"name\":\"eth0\",\"mac\":\"02:00:00:00:00:02\",\"sandbox\":\""
                + pod.path() + "\"}],\"ips\":[{\"address\":\"10.98.0.2/24\",\"interface\":1}],\"dns\":{}}}";
    }

    static String config(String keys, String hostVeth, ScratchNamespace pod) {
        return config("1.0.0", keys, hostVeth, pod);
    }

    static Request request(Verb verb, String containerId, Optional<Path> netns, String config) {
        return Request.builder(verb).containerId(containerId).netns(netns.map(Path::toString)).ifname("eth0")
                .config(config).build();
    }

    /** Runs the reference plugin inside the host namespace. */
    Outcome reference(String command, String containerId, String netns, String config) {
        List<String> argv = List.of("ip", "netns", "exec", host.name(), "env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + containerId,
                "CNI_NETNS=" + netns, "CNI_IFNAME=eth0", "CNI_PATH=/usr/lib/cni", REFERENCE.toString());
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

    /** tc's view of every qdisc and of the ingress filters of the links named, for comparisons. */
    String tcState(String... links) {
        StringBuilder sb = new StringBuilder(host.exec("tc", "-d", "qdisc", "show"));
        for (String l : links) {
            sb.append(host.exec("tc", "filter", "show", "dev", l, "ingress"));
        }
        return sb.toString();
    }

    /** Links of the host namespace of kind ifb. */
    String ifbs() {
        return host.exec("ip", "-o", "link", "show", "type", "ifb");
    }

    @Override
    public void close() {
        for (ScratchNamespace p : pods) {
            p.close();
        }
        host.close();
    }
}
