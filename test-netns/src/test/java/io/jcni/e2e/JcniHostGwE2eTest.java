package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods across nodes with host-gw routes: three simulated nodes (sandbox host namespaces whose eth0
 * hang on one "physical" bridge in a fourth namespace), each set up by {@code jcni node install}
 * (the installed jcni command) and given a pod through cnitool with the conflist it wrote; an API
 * server double on the physical network (fabric8's mock server in CRUD mode, the real list and
 * watch protocol, {@link MockApiServer}) holding the three Nodes; and on each node
 * {@code jcni daemon run --routes kubernetes} in the node's namespace, as the DaemonSet runs it.
 * Dual stack: each node has an IPv4 and an IPv6 pod CIDR and InternalIP. Pods reach each other by
 * pod IP of either family with their source kept (no masquerade inside the cluster CIDRs); a
 * deleted Node takes its routes away and a new one brings them back.
 */
class JcniHostGwE2eTest {
    static final String CLUSTER_CIDR = "10.244.0.0/16";
    static final String CLUSTER_CIDR6 = "fd00:10:244::/56";
    static final String API_ADDRESS = "192.0.2.254";
    /** The daemons' first sync: JVM start and warm-up on a loaded test machine. */
    static final Duration STARTUP_DEADLINE = Duration.ofSeconds(180);
    /** A watch event to a route: a bounded wait, not a speed test. */
    static final Duration ROUTE_DEADLINE = Duration.ofSeconds(5);
    static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(15);

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private final List<RoutesDaemon> daemons = new ArrayList<>();

    /** One simulated node: its namespace, addresses on the physical network, pod CIDRs and one pod. */
    record SimNode(String name, SandboxHost ns, String ip, String ip6, String podCidr, String podCidr6, Pod pod,
                   String podIp, String podIp6) {
        String routes() {
            return ns.exec("ip", "route", "show").orFail().stdout() + ns.exec("ip", "-6", "route", "show").orFail().stdout();
        }

        List<String> ips() {
            return List.of(ip, ip6);
        }

        List<String> podCidrs() {
            return List.of(podCidr, podCidr6);
        }
    }

    @Test
    void podsReachPodsOnOtherNodesWithTheirOwnSourceAndRoutesFollowTheNodes() throws Exception {
        SandboxHost phys = lab.host();
        phys.exec("ip", "link", "add", "phys0", "type", "bridge").orFail();
        phys.exec("ip", "link", "set", "phys0", "up").orFail();
        phys.exec("ip", "addr", "add", API_ADDRESS + "/24", "dev", "phys0").orFail();
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            nodes.add(node(phys, i));
        }

        MockApiServer api = lab.keep(MockApiServer.start(phys, API_ADDRESS, work.resolve("kubeconfig")));
        for (SimNode n : nodes) {
            api.node(n.name(), n.ips(), n.podCidrs());
        }
        for (SimNode n : nodes) {
            daemons.add(lab.keep(RoutesDaemon.start(n.ns(), n.name(), api.kubeconfig(), work.resolve("daemon-" + n.name()))));
        }
        SimNode n1 = nodes.get(0);
        SimNode n2 = nodes.get(1);
        SimNode n3 = nodes.get(2);
        for (SimNode n : nodes) {
            for (SimNode other : nodes) {
                if (other != n) {
                    awaitRoute(n, other, true, STARTUP_DEADLINE);
                }
            }
            assertFalse(n.routes().contains(n.podCidr() + " via"), "no host-gw route to its own pods: " + n.routes());
            assertFalse(n.routes().contains(n.podCidr6() + " via"), "no host-gw route to its own pods: " + n.routes());
        }

        for (SimNode dst : List.of(n2, n3)) {
            assertSourceKept(n1, dst, false);
            assertSourceKept(n1, dst, true);
            try (TcpServer server = TcpServer.start(dst.pod(), 8080, "hello from " + dst.name())) {
                assertEquals("hello from " + dst.name(), server.fetchFrom(n1.pod(), dst.podIp(), 8080));
            }
        }
        assertSourceKept(n3, n1, false);
        assertSourceKept(n3, n1, true);

        api.delete(n3.name());
        awaitRoute(n1, n3, false, ROUTE_DEADLINE);
        awaitRoute(n2, n3, false, ROUTE_DEADLINE);
        assertFalse(n1.pod().ping(n3.podIp(), Duration.ofSeconds(1)).ok(), "node-3's pods are unreachable without its route");
        assertFalse(n1.pod().ping(n3.podIp6(), Duration.ofSeconds(1)).ok(), "also over IPv6");

        api.node(n3.name(), n3.ips(), n3.podCidrs());
        awaitRoute(n1, n3, true, ROUTE_DEADLINE);
        awaitRoute(n2, n3, true, ROUTE_DEADLINE);
        assertSourceKept(n1, n3, false);
        assertSourceKept(n1, n3, true);
    }

    /** A node: namespace, eth0 on the physical bridge, {@code jcni node install}, a pod added with cnitool. */
    private SimNode node(SandboxHost phys, int i) throws IOException {
        SandboxHost ns = lab.host();
        String ip = "192.0.2." + i;
        String ip6 = "fd00:2::" + i;
        String podCidr = "10.244." + i + ".0/24";
        String podCidr6 = "fd00:10:244:" + i + "::/64";
        String port = "n" + i + "-" + ns.name().substring(ns.name().length() - 8);
        phys.exec("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns.name()).orFail();
        phys.exec("ip", "link", "set", port, "master", "phys0", "up").orFail();
        ns.exec("ip", "addr", "add", ip + "/24", "dev", "eth0").orFail();
        ns.exec("ip", "addr", "add", ip6 + "/64", "dev", "eth0", "nodad").orFail();
        ns.exec("ip", "link", "set", "eth0", "up").orFail();

        Path hostRoot = Files.createDirectories(work.resolve("node" + i));
        PluginSet plugins = PluginSet.jcni(); // installs jcni (and its jcni command) first
        Exec.run(List.of(JcniInstall.jcniCommand().toString(), "node", "install", "--host-root", hostRoot.toString(),
                "--pod-cidr", podCidr, podCidr6, "--cluster-cidr", CLUSTER_CIDR, CLUSTER_CIDR6, "--network", "k8s-pods"),
                Map.of(), Exec.DEFAULT_TIMEOUT).orFail();
        Path conflist = hostRoot.resolve("etc/cni/net.d/10-jcni.conflist");
        CniTool cni = new CniTool(plugins, ns, work.resolve("cni" + i));
        cni.install(Json.parse(Files.readString(conflist)));

        Pod pod = lab.netnsPod();
        Attachment attachment = Attachment.of(pod);
        AddResult result = cni.add("k8s-pods", attachment);
        lab.keep(() -> cni.del("k8s-pods", attachment));
        String podIp = result.ip(false);
        String podIp6 = result.ip(true);
        assertTrue(podIp.startsWith("10.244." + i + "."), "pod address from the node's pod CIDR: " + result.json());
        assertTrue(podIp6.startsWith("fd00:10:244:" + i + "::"), "pod address from the node's IPv6 pod CIDR: " + result.json());
        return new SimNode("node-" + i, ns, ip, ip6, podCidr, podCidr6, pod, podIp, podIp6);
    }

    /** The destination pod sees the source pod's own address (tcpdump on its eth0). */
    private static void assertSourceKept(SimNode from, SimNode to, boolean ipv6) {
        String filter = ipv6 ? PacketCapture.ICMP6_ECHO_REQUEST : PacketCapture.ICMP_ECHO_REQUEST;
        try (PacketCapture capture = PacketCapture.start(to.pod(), Attachment.DEFAULT_IFNAME, filter)) {
            from.pod().ping(ipv6 ? to.podIp6() : to.podIp()).orFail();
            assertEquals(ipv6 ? from.podIp6() : from.podIp(), capture.firstSource(CAPTURE_TIMEOUT),
                    from.name() + " -> " + to.name() + (ipv6 ? " (IPv6)" : ""));
        }
    }

    /** Waits (bounded) until {@code on} has, or no longer has, its route to {@code to}'s pod CIDR. */
    private void awaitRoute(SimNode on, SimNode to, boolean present, Duration within) throws InterruptedException {
        String route = to.podCidr() + " via " + to.ip() + " dev eth0 proto 74";
        String route6 = to.podCidr6() + " via " + to.ip6() + " dev eth0 proto 74";
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String routes = on.routes();
            if (routes.contains(route) == present && routes.contains(route6) == present) {
                return;
            }
            if (daemons.stream().anyMatch(d -> !d.alive())) {
                break;
            }
            Thread.sleep(50);
        }
        StringBuilder logs = new StringBuilder();
        for (RoutesDaemon d : daemons) {
            logs.append("\n--- daemon (alive: ").append(d.alive()).append(")\n").append(d.log());
        }
        fail(on.name() + (present ? " gets " : " loses ") + route + " and " + route6 + " within " + within + "; routes:\n" + on.routes() + logs);
    }
}
