package io.jcni.manager.node;

import java.nio.file.Path;

/**
 * Where jcni lives on a node, relative to the host's root: the paths the DaemonSet mounts and
 * {@code jcni node install} writes under {@code --host-root}.
 */
public final class HostPaths {
    /** The CNI bin dir containerd's CRI plugin runs plugins from. */
    public static final String CNI_BIN = "opt/cni/bin";
    /** The CNI config dir; containerd uses the first conflist in name order. */
    public static final String CNI_CONF = "etc/cni/net.d";
    /** jcni's lib dir (jars, launchers, runtime): the absolute path the shims were built for. */
    public static final String JCNI_LIB = "opt/jcni";
    /** host-local's default data dir parent (its store is {@code networks/NAME} below). */
    public static final String CNI_STATE = "var/lib/cni";
    /** The daemon's socket directory. */
    public static final String JCNI_RUN = "run/jcni";
    /** The node's conflist (a low number: containerd picks the first file). */
    public static final String CONFLIST = "10-jcni.conflist";

    private HostPaths() {
    }

    /** {@code relative} under the host root {@code hostRoot}. */
    public static Path under(Path hostRoot, String relative) {
        return hostRoot.resolve(relative);
    }
}
