package io.jcni.manager.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jcni.conf.result.IpPrefix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A node's pod CIDRs read from its Node object ({@code spec.podCIDRs}, else {@code spec.podCIDR}):
 * the downward API cannot hand them to a pod, so the DaemonSet's init step asks the API server.
 * The node controller assigns them shortly after the Node registers, so this waits (bounded) for
 * them to appear.
 */
public final class ApiPodCidrs {
    private static final Duration POLL = Duration.ofSeconds(1);

    private ApiPodCidrs() {
    }

    /** Reads through the kubeconfig, else the in-cluster service account ({@code KUBECONFIG}, {@code ~/.kube/config}). */
    public static List<IpPrefix> fetch(String nodeName, Optional<Path> kubeconfig, Duration wait) throws InterruptedException {
        Config config = kubeconfig.map(p -> Config.fromKubeconfig(p.toFile())).orElseGet(() -> Config.autoConfigure(null));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            return fetch(client, nodeName, wait);
        }
    }

    static List<IpPrefix> fetch(KubernetesClient client, String nodeName, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String last;
        while (true) {
            try {
                Node n = client.nodes().withName(nodeName).get();
                if (n == null) {
                    last = "no Node named " + nodeName;
                } else {
                    List<String> texts = n.getSpec() == null ? List.of()
                            : n.getSpec().getPodCIDRs() != null && !n.getSpec().getPodCIDRs().isEmpty() ? n.getSpec().getPodCIDRs()
                            : n.getSpec().getPodCIDR() != null ? List.of(n.getSpec().getPodCIDR()) : List.of();
                    if (!texts.isEmpty()) {
                        return texts.stream().map(t -> NodeNetwork.cidr(t, "Node " + nodeName + " spec.podCIDRs")).toList();
                    }
                    last = "Node " + nodeName + " has no spec.podCIDRs yet (is the controller manager's --allocate-node-cidrs on?)";
                }
            } catch (KubernetesClientException e) {
                last = "reading Node " + nodeName + ": " + e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException(last + " (waited " + wait.toSeconds() + " s)");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
