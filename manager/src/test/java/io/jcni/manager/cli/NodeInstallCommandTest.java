package io.jcni.manager.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeInstallCommandTest {
    @TempDir
    Path root;

    @Test
    void commandLineWinsOverTheConfigFile() throws Exception {
        Path config = root.resolve("network.json");
        Files.writeString(config, "{\"network\":\"fromfile\",\"clusterCidrs\":[\"10.0.0.0/8\"],\"bandwidth\":false}");
        int status = new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", root.toString(),
                "--pod-cidr", "10.244.3.0/24", "fd00:10:244:3::/64", "--cluster-cidr", "10.244.0.0/16",
                "fd00:10:244::/56", "--network", "k8s-pods", "--config", config.toString());
        assertEquals(0, status);
        String conflist = Files.readString(root.resolve("etc/cni/net.d/10-jcni.conflist"));
        assertTrue(conflist.contains("\"name\": \"k8s-pods\""), conflist);
        assertTrue(conflist.contains("\"10.244.0.0/16\""), conflist);
        assertFalse(conflist.contains("10.0.0.0/8"), conflist);
        assertFalse(conflist.contains("\"bandwidth\""), conflist);
        assertTrue(conflist.contains("fd00:10:244:3::/64"), conflist);
    }

    @Test
    void badCidrExitsTwoAndWritesNothing() throws Exception {
        Path config = root.resolve("network.json");
        Files.writeString(config, "{\"mtu\":\"big\"}");
        assertEquals(2, new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", root.toString(),
                "--pod-cidr", "10.244.3.0/33"));
        assertEquals(2, new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", root.toString(),
                "--pod-cidr", "10.244.3.0/24", "--config", config.toString()));
        assertFalse(Files.exists(root.resolve("etc/cni/net.d")));
    }

    @Test
    void withoutPodCidrTheNodeObjectIsRead() throws Exception {
        KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        api.init();
        try (KubernetesClient client = api.createClient()) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-7").endMetadata()
                    .withNewSpec().withPodCIDR("10.244.7.0/24").withPodCIDRs("10.244.7.0/24", "fd00:10:244:7::/64").endSpec()
                    .build()).create();
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-8").endMetadata().build()).create();
            Path kubeconfig = root.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "%s"}}]
                    users: [{name: mock, user: {token: mock}}]
                    contexts: [{name: mock, context: {cluster: mock, user: mock}}]
                    current-context: mock
                    """.formatted(client.getMasterUrl()));
            Path host = Files.createDirectories(root.resolve("host"));
            assertEquals(0, new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", host.toString(),
                    "--node-name", "node-7", "--kubeconfig", kubeconfig.toString()));
            String conflist = Files.readString(host.resolve("etc/cni/net.d/10-jcni.conflist"));
            assertTrue(conflist.contains("\"10.244.7.0/24\"") && conflist.contains("\"fd00:10:244:7::/64\""), conflist);

            Path other = Files.createDirectories(root.resolve("other"));
            assertEquals(1, new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", other.toString(),
                    "--node-name", "node-8", "--kubeconfig", kubeconfig.toString(), "--wait", "1"));
            assertFalse(Files.exists(other.resolve("etc/cni/net.d")), "a Node without pod CIDRs writes nothing");
        } finally {
            api.destroy();
        }
    }
}
