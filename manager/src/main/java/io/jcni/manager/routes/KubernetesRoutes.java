package io.jcni.manager.routes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jcni.netlink.Netlink;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code jcni daemon run --routes kubernetes}: host-gw routes for this node in this process's
 * network namespace (the DaemonSet runs with hostNetwork), from the API server the kubeconfig
 * names, else the pod's service account (in cluster) or {@code KUBECONFIG} / {@code ~/.kube/config}.
 * The only class of the daemon that reaches fabric8: nothing loads the client unless routes are on.
 */
public final class KubernetesRoutes implements AutoCloseable {
    private final KubernetesClient client;
    private final Netlink nl;
    private final NodeRouteWatcher watcher;

    private KubernetesRoutes(KubernetesClient client, Netlink nl, NodeRouteWatcher watcher) {
        this.client = client;
        this.nl = nl;
        this.watcher = watcher;
    }

    public static KubernetesRoutes start(String nodeName, Optional<Path> kubeconfig, Consumer<String> log) {
        Config config = kubeconfig.map(p -> Config.fromKubeconfig(p.toFile())).orElseGet(() -> Config.autoConfigure(null));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
        Netlink nl = Netlink.openCurrent();
        try {
            NodeRouteWatcher watcher = NodeRouteWatcher.start(client, new HostGwRoutes(nl, nodeName, log), log);
            log.accept("host-gw: watching Nodes at " + config.getMasterUrl() + " for node " + nodeName);
            return new KubernetesRoutes(client, nl, watcher);
        } catch (RuntimeException e) {
            nl.close();
            client.close();
            throw e;
        }
    }

    @Override
    public void close() {
        watcher.close();
        client.close();
        nl.close();
    }
}
