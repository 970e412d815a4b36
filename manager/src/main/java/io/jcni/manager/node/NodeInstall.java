package io.jcni.manager.node;

import io.jcni.conf.result.IpPrefix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jcni node install}: puts jcni on a node below {@code hostRoot} (the host's {@code /} as
 * the DaemonSet's init container mounts it): the plugins from a bundle, when one is given, and the
 * node's conflist {@code etc/cni/net.d/10-jcni.conflist} from its pod CIDR(s). Idempotent: a
 * second run with the same input changes no file.
 *
 * @param hostRoot the host's root directory
 * @param podCidrs the node's pod CIDR(s) (Node {@code spec.podCIDRs})
 * @param bundle   an installed jcni lib dir to copy (see {@link BundleCopy}); empty: config only
 * @param network  the network options
 */
public record NodeInstall(Path hostRoot, List<IpPrefix> podCidrs, Optional<Path> bundle, NodeNetwork network) {
    public NodeInstall {
        podCidrs = List.copyOf(podCidrs);
    }

    /** Runs the install; returns what it changed, one line per file. */
    public List<String> run() throws IOException {
        if (!Files.isDirectory(hostRoot)) {
            throw new IllegalArgumentException("--host-root: " + hostRoot + " is not a directory");
        }
        String conflist = NodeConflist.render(network, podCidrs); // validates before anything is written
        List<String> log = new ArrayList<>();
        if (bundle.isPresent()) {
            List<String> types = BundleCopy.copy(bundle.get(), hostRoot, log);
            log.add("plugins: " + String.join(" ", types));
        }
        Path target = conflistPath(hostRoot);
        if (AtomicFiles.write(target, conflist.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"))) {
            log.add("wrote " + target);
        }
        for (String dir : List.of(HostPaths.CNI_STATE, HostPaths.JCNI_RUN)) {
            Files.createDirectories(HostPaths.under(hostRoot, dir));
        }
        return log;
    }

    /** The conflist's path below a host root. */
    public static Path conflistPath(Path hostRoot) {
        return HostPaths.under(hostRoot, HostPaths.CNI_CONF).resolve(HostPaths.CONFLIST);
    }
}
