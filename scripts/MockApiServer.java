import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * For scripts/bench-routes.sh: fabric8's CRUD mock API server on 127.0.0.1 with NODES Node
 * objects (node-1 .. node-N, pod CIDR 10.244.I.0/24, InternalIP 192.0.2.I), a kubeconfig for it at
 * KUBECONFIG; runs until stdin closes. Run with the manager's test class path:
 * java -cp CP scripts/MockApiServer.java KUBECONFIG NODES
 */
public class MockApiServer {
    public static void main(String[] args) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        int nodes = Integer.parseInt(args[1]);
        for (int i = 1; i <= nodes; i++) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-" + i).endMetadata()
                    .withNewSpec().withPodCIDR("10.244." + i + ".0/24").withPodCIDRs("10.244." + i + ".0/24").endSpec()
                    .withNewStatus().withAddresses(new NodeAddress("192.0.2." + i, "InternalIP")).endStatus().build()).create();
        }
        Files.writeString(Path.of(args[0]), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: mock, user: {token: mock}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock}}]
                current-context: mock
                """.formatted(server.getPort()));
        System.out.println("ready " + server.getPort());
        System.in.read();
        client.close();
        server.destroy();
    }
}
