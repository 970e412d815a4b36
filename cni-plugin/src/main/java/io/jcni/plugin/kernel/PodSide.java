package io.jcni.plugin.kernel;

import io.jcni.conf.CniEnvironment;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Request;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The pod's network namespace ({@code CNI_NETNS}), open, with a netlink handle inside it. Opened
 * from {@link Request#netnsFile()} when the request carries one (the daemon passes the descriptor
 * the caller opened in its own mount namespace), else from the {@code CNI_NETNS} path; messages
 * always name the {@code CNI_NETNS} the runtime gave.
 */
public final class PodSide implements AutoCloseable {
    private final NetNamespace ns;
    private final Netlink nl;

    private PodSide(NetNamespace ns, Netlink nl) {
        this.ns = ns;
        this.nl = nl;
    }

    /** Opens the request's pod namespace; a missing or unopenable one is code 4 naming the variable. */
    public static PodSide open(Request req) throws CniException {
        String netns = req.requireNetns();
        return tryOpen(req).orElseThrow(() -> new CniException(ErrorCode.INVALID_ENVIRONMENT,
                CniEnvironment.NETNS + ": " + netns + " does not exist"));
    }

    /**
     * Opens the request's pod namespace, or empty when the request names none or it is gone (DEL
     * must succeed then).
     */
    public static Optional<PodSide> tryOpen(Request req) throws CniException {
        if (req.netns().isEmpty()) {
            return Optional.empty();
        }
        String netns = req.netns().get();
        NetNamespace ns;
        try {
            ns = NetNamespace.open(req.netnsFile().orElseGet(() -> Path.of(netns)));
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
            if (e.getCause() instanceof ErrnoException errno && errno.errno() == Errno.EINVAL) {
                // setns(2) refuses a file that is no network namespace (a plain file, a directory)
                throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_NETNS: " + netns
                        + " is not a network namespace", errno.getMessage());
            }
            throw e;
        }
    }

    public NetNamespace ns() {
        return ns;
    }

    public Netlink nl() {
        return nl;
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
