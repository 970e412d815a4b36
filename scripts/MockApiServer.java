import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;

/**
 * An API server double for tests and benchmarks that run jcni daemons as processes (possibly in
 * other network namespaces): fabric8's mock server in CRUD mode (real list and watch) listening on
 * ADDRESS, a kubeconfig for it written to KUBECONFIG, Node objects changed by lines on stdin:
 *
 *   node NAME INTERNAL-IP[,IP] POD-CIDR...   create or replace a Node (InternalIPs comma-separated)
 *   delete NAME                         delete it
 *
 * It prints "ready PORT" once listening and "ok" after each line; it stops at the end of stdin.
 * Run with a class path holding io.fabric8:kubernetes-server-mock (e.g. the manager's test class
 * path): java -cp CP scripts/MockApiServer.java KUBECONFIG ADDRESS
 */
public class MockApiServer {
    public static void main(String[] args) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        InetAddress address = InetAddress.getByName(args[1]);
        server.init(address, 0);
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        Files.writeString(Path.of(args[0]), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "http://%s:%d"}}]
                users: [{name: mock, user: {token: mock}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock}}]
                current-context: mock
                """.formatted(host, server.getPort()));
        System.out.println("ready " + server.getPort());
        try (KubernetesClient client = server.createClient();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.strip().split("\\s+");
                switch (w[0]) {
                    case "node" -> client.nodes().resource(new NodeBuilder().withNewMetadata().withName(w[1]).endMetadata()
                            .withNewSpec().withPodCIDR(w[3]).withPodCIDRs(Arrays.copyOfRange(w, 3, w.length)).endSpec()
                            .withNewStatus().withAddresses(Arrays.stream(w[2].split(","))
                                    .map(ip -> new NodeAddress(ip, "InternalIP")).toList()).endStatus().build())
                            .createOrReplace();
                    case "delete" -> client.nodes().withName(w[1]).delete();
                    default -> throw new IllegalArgumentException("unknown command: " + line);
                }
                System.out.println("ok");
            }
        } finally {
            server.destroy();
        }
    }
}
