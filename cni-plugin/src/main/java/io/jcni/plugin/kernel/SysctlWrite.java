package io.jcni.plugin.kernel;

import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.ns.Sysctl;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.atomic.AtomicReference;

/** Sysctl writes the plugins make, with CNI errors. */
public final class SysctlWrite {
    private SysctlWrite() {
    }

    /** Writes the sysctl; a failure is an error. */
    public static void required(NetNamespace ns, String key, String value) throws CniException {
        KernelCall.run("set " + key + "=" + value, () -> Sysctl.write(ns, key, value));
    }

    /**
     * {@link #ifPresent(NetNamespace, String, String)} for several keys, in order, with one switch
     * into {@code ns} for all of them (the writes then run on a thread already inside).
     */
    public static void ifPresent(NetNamespace ns, SequencedMap<String, String> values) throws CniException {
        AtomicReference<CniException> failure = new AtomicReference<>();
        ns.run(() -> {
            for (Map.Entry<String, String> e : values.entrySet()) {
                try {
                    ifPresent(ns, e.getKey(), e.getValue());
                } catch (CniException x) {
                    failure.set(x);
                    return;
                }
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * Writes the sysctl when it exists: per-interface IPv6 keys are missing when IPv6 is disabled,
     * and then there is nothing to set.
     */
    public static void ifPresent(NetNamespace ns, String key, String value) throws CniException {
        try {
            Sysctl.write(ns, key, value);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT) {
                throw KernelCall.refused("set " + key + "=" + value, e);
            }
        } catch (NetlinkException e) {
            throw KernelCall.refused("set " + key + "=" + value, e);
        }
    }
}
