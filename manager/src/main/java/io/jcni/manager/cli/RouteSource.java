package io.jcni.manager.cli;

import io.jcni.manager.daemon.DaemonLog;
import io.jcni.manager.routes.KubernetesRoutes;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code jcni daemon run --routes}: where host-gw routes come from. Kept apart from DaemonRun so
 * the daemon loads the Kubernetes client's classes only when routes are on.
 */
enum RouteSource {
    none, kubernetes;

    static AutoCloseable startKubernetes(String nodeName, Path kubeconfig, DaemonLog log) {
        return KubernetesRoutes.start(nodeName, Optional.ofNullable(kubeconfig), log::info);
    }

    static void stop(AutoCloseable routing, DaemonLog log) {
        if (routing == null) {
            return;
        }
        try {
            routing.close();
        } catch (Exception e) {
            log.warn("host-gw: stopping the Node watch: " + e);
        }
    }
}
