package io.jcni.plugin.bridge;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

import java.nio.file.Path;
import java.util.Optional;

/** The pod's network namespace ({@code CNI_NETNS}), open, with a netlink handle inside it. */
final class PodSide implements AutoCloseable {
    final NetNamespace ns;
    final Netlink nl;

    private PodSide(NetNamespace ns, Netlink nl) {
        this.ns = ns;
        this.nl = nl;
    }

    /**
     * Opens CNI_NETNS (from {@code file} when given: a descriptor the caller opened, see
     * {@link io.jcni.conf.Request#netnsFile}); a path that cannot be opened is code 4 naming the variable.
     */
    static PodSide open(String netns, Optional<Path> file) throws CniException {
        return tryOpen(netns, file).orElseThrow(() -> new CniException(ErrorCode.INVALID_ENVIRONMENT,
                "CNI_NETNS: " + netns + " does not exist"));
    }

    /** Opens CNI_NETNS, or empty when the namespace is gone (DEL must succeed then). */
    static Optional<PodSide> tryOpen(String netns, Optional<Path> file) throws CniException {
        NetNamespace ns;
        try {
            ns = NetNamespace.open(file.orElseGet(() -> Path.of(netns)));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_NETNS: cannot open " + netns + ": " + e.getMessage());
        } catch (NetlinkException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_NETNS: cannot open " + netns + ": " + e.getMessage());
        }
        try {
            return Optional.of(new PodSide(ns, KernelCall.get("open a netlink socket in " + netns, () -> Netlink.open(ns))));
        } catch (CniException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            nl.close();
        } finally {
            ns.close();
        }
    }
}
