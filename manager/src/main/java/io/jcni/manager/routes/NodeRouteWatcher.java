package io.jcni.manager.routes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Host-gw routing from the Kubernetes API: an informer on Node objects (list, then watch, resumed
 * by the client after a dropped connection), and on every change, and every resync period, the
 * node's routes are made to match the informer's current set of Nodes ({@link HostGwRoutes#sync}).
 * Stateless beyond the kernel's routes: a restarted watcher picks its routes up by their protocol.
 */
public final class NodeRouteWatcher implements AutoCloseable {
    /** How often the informer replays every Node: repairs routes someone else removed. */
    public static final Duration RESYNC = Duration.ofSeconds(30);

    private final SharedIndexInformer<Node> informer;

    private NodeRouteWatcher(SharedIndexInformer<Node> informer) {
        this.informer = informer;
    }

    /** Starts watching; returns once the first list has been applied. */
    public static NodeRouteWatcher start(KubernetesClient client, HostGwRoutes routes, Consumer<String> log) {
        Syncer syncer = new Syncer(routes, log);
        SharedIndexInformer<Node> informer = client.nodes().runnableInformer(RESYNC.toMillis());
        syncer.informer = informer;
        informer.addEventHandler(syncer);
        informer.run();
        syncer.syncNow(); // an empty cluster triggers no event, yet stale routes of ours must go
        return new NodeRouteWatcher(informer);
    }

    @Override
    public void close() {
        informer.close();
    }

    /** Every event leads to a full sync against the informer's store: few nodes, idempotent. */
    private static final class Syncer implements ResourceEventHandler<Node> {
        private final HostGwRoutes routes;
        private final Consumer<String> log;
        volatile SharedIndexInformer<Node> informer;

        Syncer(HostGwRoutes routes, Consumer<String> log) {
            this.routes = routes;
            this.log = log;
        }

        void syncNow() {
            List<PeerNode> nodes = informer.getStore().list().stream().map(n -> NodeObjects.peer(n, log)).toList();
            routes.sync(nodes);
        }

        @Override
        public void onAdd(Node n) {
            syncNow();
        }

        @Override
        public void onUpdate(Node before, Node after) {
            syncNow();
        }

        @Override
        public void onDelete(Node n, boolean finalStateUnknown) {
            syncNow();
        }
    }
}
