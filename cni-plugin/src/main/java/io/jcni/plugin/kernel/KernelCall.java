package io.jcni.plugin.kernel;

import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.sys.ErrnoException;

import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The one place a kernel failure becomes a CNI error: the message names the operation and the
 * object ({@code what}), the kernel's own words go in {@code details}.
 */
public final class KernelCall {
    private KernelCall() {
    }

    /** Runs one kernel operation; its failure is {@link HostErrors#CHANGE_REFUSED}. */
    public static <T> T get(String what, Supplier<T> op) throws CniException {
        try {
            return op.get();
        } catch (NetlinkException e) {
            throw refused(what, e);
        }
    }

    public static void run(String what, Runnable op) throws CniException {
        get(what, () -> {
            op.run();
            return null;
        });
    }

    /**
     * Runs one deletion; a failure with one of the {@code gone} errnos (e.g. ENODEV, "No such
     * device", for a link) means the object is already gone and counts as deleted, so DEL stays
     * idempotent and survives the kernel's own teardown of a vanished namespace.
     */
    public static void deleteIfPresent(String what, Runnable delete, int... gone) throws CniException {
        run(what, () -> {
            try {
                delete.run();
            } catch (ErrnoException e) {
                if (IntStream.of(gone).noneMatch(g -> g == e.errno())) {
                    throw e;
                }
            }
        });
    }

    /** The CNI error for a refused kernel operation. */
    public static CniException refused(String what, NetlinkException e) {
        return new CniException(HostErrors.CHANGE_REFUSED, what, e.getMessage(), e);
    }
}
