package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jcni.manager.routes.HostGwRoutes;
import io.jcni.manager.routes.NodeRouteWatcher;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.ns.NetNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods across nodes with host-gw routes: three simulated nodes (sandbox host namespaces whose eth0
 * hang on one "physical" bridge in a fourth namespace), each set up by {@code jcni node install}
 * (the installed jcni command) and given a pod through cnitool with the conflist it wrote, an API
 * server double (fabric8's mock server in CRUD mode: the real list and watch protocol) holding the
 * three Nodes, and a route watcher per node, in this JVM, whose netlink handle lives in that
 * node's namespace. Pods reach each other by pod IP with their source kept (no masquerade inside
 * the cluster CIDR); a deleted Node takes its routes away and a new one brings them back.
 */
class JcniHostGwE2eTest {
    static final String CLUSTER_CIDR = "10.244.0.0/16";
    static final Duration ROUTE_DEADLINE = Duration.ofSeconds(5);
    static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(15);

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private final List<String> watcherLog = new CopyOnWriteArrayList<>();

    /** One simulated node: its namespace, address on the physical network, pod CIDR and one pod. */
    record SimNode(String name, SandboxHost ns, String ip, String podCidr, Pod pod, String podIp) {
        String routes() {
            return ns.exec("ip", "route", "show").orFail().stdout();
        }
    }

    @Test
    void podsReachPodsOnOtherNodesWithTheirOwnSourceAndRoutesFollowTheNodes() throws Exception {
        SandboxHost phys = lab.host();
        phys.exec("ip", "link", "add", "phys0", "type", "bridge").orFail();
        phys.exec("ip", "link", "set", "phys0", "up").orFail();
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            nodes.add(node(phys, i));
        }

        KubernetesMockServer api = lab.keep(new MockApi()).server;
        KubernetesClient client = lab.keep(api.createClient());
        for (SimNode n : nodes) {
            client.nodes().resource(nodeObject(n)).create();
        }
        for (SimNode n : nodes) {
            Netlink nl = lab.keep(Netlink.open(lab.keep(NetNamespace.open(n.ns().netnsPath()))));
            lab.keep(NodeRouteWatcher.start(client, new HostGwRoutes(nl, n.name(), watcherLog::add), watcherLog::add));
        }
        SimNode n1 = nodes.get(0);
        SimNode n2 = nodes.get(1);
        SimNode n3 = nodes.get(2);
        for (SimNode n : nodes) {
            for (SimNode other : nodes) {
                if (other != n) {
                    awaitRoute(n, other, true);
                }
            }
            assertFalse(n.routes().contains(n.podCidr() + " via"), "no host-gw route to its own pods: " + n.routes());
        }

        for (SimNode dst : List.of(n2, n3)) {
            assertSourceKept(n1, dst);
            try (TcpServer server = TcpServer.start(dst.pod(), 8080, "hello from " + dst.name())) {
                assertEquals("hello from " + dst.name(), server.fetchFrom(n1.pod(), dst.podIp(), 8080));
            }
        }
        assertSourceKept(n3, n1);

        client.nodes().withName(n3.name()).delete();
        awaitRoute(n1, n3, false);
        awaitRoute(n2, n3, false);
        assertFalse(n1.pod().ping(n3.podIp(), Duration.ofSeconds(1)).ok(), "node-3's pods are unreachable without its route");

        client.nodes().resource(nodeObject(n3)).create();
        awaitRoute(n1, n3, true);
        awaitRoute(n2, n3, true);
        assertSourceKept(n1, n3);
    }

    /** A node: namespace, eth0 on the physical bridge, {@code jcni node install}, a pod added with cnitool. */
    private SimNode node(SandboxHost phys, int i) throws IOException {
        SandboxHost ns = lab.host();
        String ip = "192.168.77." + i;
        String podCidr = "10.244." + i + ".0/24";
        String port = "n" + i + "-" + ns.name().substring(ns.name().length() - 8);
        phys.exec("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns.name()).orFail();
        phys.exec("ip", "link", "set", port, "master", "phys0", "up").orFail();
        ns.exec("ip", "addr", "add", ip + "/24", "dev", "eth0").orFail();
        ns.exec("ip", "link", "set", "eth0", "up").orFail();

        Path hostRoot = Files.createDirectories(work.resolve("node" + i));
        PluginSet plugins = PluginSet.jcni(); // installs jcni (and its jcni command) first
        Exec.run(List.of(JcniInstall.jcniCommand().toString(), "node", "install", "--host-root", hostRoot.toString(),
                "--pod-cidr", podCidr, "--cluster-cidr", CLUSTER_CIDR, "--network", "k8s-pods"),
                Map.of(), Exec.DEFAULT_TIMEOUT).orFail();
        Path conflist = hostRoot.resolve("etc/cni/net.d/10-jcni.conflist");
        CniTool cni = new CniTool(plugins, ns, work.resolve("cni" + i));
        cni.install(Json.parse(Files.readString(conflist)));

        Pod pod = lab.netnsPod();
        Attachment attachment = Attachment.of(pod);
        AddResult result = cni.add("k8s-pods", attachment);
        lab.keep(() -> cni.del("k8s-pods", attachment));
        String podIp = result.ip(false);
        assertTrue(podIp.startsWith("10.244." + i + "."), "pod address from the node's pod CIDR: " + result.json());
        return new SimNode("node-" + i, ns, ip, podCidr, pod, podIp);
    }

    private static Node nodeObject(SimNode n) {
        return new NodeBuilder().withNewMetadata().withName(n.name()).endMetadata()
                .withNewSpec().withPodCIDR(n.podCidr()).withPodCIDRs(n.podCidr()).endSpec()
                .withNewStatus().withAddresses(new NodeAddress(n.name(), "Hostname"), new NodeAddress(n.ip(), "InternalIP"))
                .endStatus().build();
    }

    /** The destination pod sees the source pod's own address (tcpdump on its eth0). */
    private static void assertSourceKept(SimNode from, SimNode to) {
        try (PacketCapture capture = PacketCapture.start(to.pod(), Attachment.DEFAULT_IFNAME, PacketCapture.ICMP_ECHO_REQUEST)) {
            from.pod().ping(to.podIp()).orFail();
            assertEquals(from.podIp(), capture.firstSource(CAPTURE_TIMEOUT), from.name() + " -> " + to.name());
        }
    }

    /** Waits (bounded) until {@code on} has, or no longer has, its route to {@code to}'s pod CIDR. */
    private void awaitRoute(SimNode on, SimNode to, boolean present) throws InterruptedException {
        String route = to.podCidr() + " via " + to.ip() + " dev eth0 proto 74";
        await(on.name() + (present ? " gets " : " loses ") + route, () -> on.routes().contains(route) == present);
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ROUTE_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail(what + " within " + ROUTE_DEADLINE + "; watcher log: " + watcherLog);
    }

    /** The API server double, stopped with the lab. */
    private static final class MockApi implements AutoCloseable {
        final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);

        MockApi() {
            server.init();
        }

        @Override
        public void close() {
            server.destroy();
        }
    }
}
