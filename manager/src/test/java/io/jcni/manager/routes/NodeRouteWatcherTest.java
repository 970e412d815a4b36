package io.jcni.manager.routes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The watcher against fabric8's mock API server in CRUD mode (real list and watch over HTTP) and
 * the kernel, in a scratch namespace standing for the node.
 */
class NodeRouteWatcherTest {
    private ScratchNamespace node;
    private KubernetesMockServer api;
    private KubernetesClient client;
    private Netlink nl;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        node = ScratchNamespace.create("hostgw");
        node.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
        node.exec("ip", "link", "set", "eth1", "up");
        node.exec("ip", "link", "set", "eth0", "up");
        node.exec("ip", "addr", "add", "192.168.50.1/24", "dev", "eth0");
        node.exec("ip", "-6", "addr", "add", "fd00:50::1/64", "dev", "eth0", "nodad");
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        api.init();
        client = api.createClient();
        nl = Netlink.open(node.namespace());
    }

    @AfterEach
    void tearDown() {
        nl.close();
        client.close();
        api.destroy();
        node.close();
    }

    static Node node(String name, String ip4, String ip6, String... cidrs) {
        List<NodeAddress> addresses = new ArrayList<>(List.of(new NodeAddress(name, "Hostname"), new NodeAddress(ip4, "InternalIP")));
        if (ip6 != null) {
            addresses.add(new NodeAddress(ip6, "InternalIP"));
        }
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withPodCIDR(cidrs[0]).withPodCIDRs(cidrs).endSpec()
                .withNewStatus().withAddresses(addresses).endStatus().build();
    }

    private String routes() {
        return node.exec("ip", "route", "show") + node.exec("ip", "-6", "route", "show");
    }

    private static void await(String what, BooleanSupplier condition, List<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail(what + "; watcher log: " + log);
    }

    @Test
    void keepsOneRouteperOtherNodesPodCidrAndOnlyTouchesItsOwn() throws Exception {
        node.exec("ip", "route", "add", "10.244.9.0/24", "via", "192.168.50.9", "proto", "static");
        node.exec("ip", "route", "add", "10.244.8.0/24", "via", "192.168.50.8", "proto", "74"); // a stale one of ours
        client.nodes().resource(node("node-a", "192.168.50.1", "fd00:50::1", "10.244.1.0/24", "fd00:244:1::/64")).create();
        client.nodes().resource(node("node-b", "192.168.50.2", "fd00:50::2", "10.244.2.0/24", "fd00:244:2::/64")).create();
        client.nodes().resource(node("node-c", "192.168.50.3", null, "10.244.3.0/24")).create();

        try (NodeRouteWatcher w = NodeRouteWatcher.start(client, new HostGwRoutes(nl, "node-a", log::add), log::add)) {
            await("routes to node-b and node-c", () -> routes().contains("10.244.2.0/24 via 192.168.50.2 dev eth0 proto 74")
                    && routes().contains("fd00:244:2::/64 via fd00:50::2 dev eth0 proto 74")
                    && routes().contains("10.244.3.0/24 via 192.168.50.3 dev eth0 proto 74"), log);
            String r = routes();
            assertFalse(r.contains("10.244.1.0/24"), "no route to its own pod CIDR: " + r);
            assertFalse(r.contains("10.244.8.0/24"), "a stale route of ours goes: " + r);
            assertTrue(r.contains("10.244.9.0/24 via 192.168.50.9 dev eth0 proto static"), "someone else's route stays: " + r);

            client.nodes().withName("node-c").delete();
            await("node-c's route gone", () -> !routes().contains("10.244.3.0/24"), log);

            client.nodes().resource(node("node-d", "192.168.50.4", null, "10.244.4.0/24")).create();
            await("node-d's route", () -> routes().contains("10.244.4.0/24 via 192.168.50.4 dev eth0 proto 74"), log);

            client.nodes().resource(node("node-b", "192.168.50.22", "fd00:50::2", "10.244.2.0/24", "fd00:244:2::/64")).update();
            await("node-b's new InternalIP", () -> routes().contains("10.244.2.0/24 via 192.168.50.22 dev eth0 proto 74"), log);
        }
        assertTrue(routes().contains("10.244.4.0/24"), "closing the watcher leaves the routes (a restart finds them)");
    }

    @Test
    void anEmptyClusterRemovesEveryRouteOfOurs() throws Exception {
        node.exec("ip", "route", "add", "10.244.8.0/24", "via", "192.168.50.8", "proto", "74");
        try (NodeRouteWatcher w = NodeRouteWatcher.start(client, new HostGwRoutes(nl, "node-a", log::add), log::add)) {
            await("stale route gone", () -> !routes().contains("10.244.8.0/24"), log);
        }
    }
}
