package io.jcni.plugin.bridge;

import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.ns.Sysctl;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

/** Sysctl writes the plugin makes, with CNI errors. */
public final class SysctlWrite {
    private SysctlWrite() {
    }

    /** Writes the sysctl; a failure is an error. */
    public static void required(NetNamespace ns, String key, String value) throws CniException {
        try {
            Sysctl.write(ns, key, value);
        } catch (NetlinkException e) {
            throw new CniException(BridgeErrors.CHANGE_REFUSED, "set " + key + "=" + value + ": " + e.getMessage(), "", e);
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
                throw new CniException(BridgeErrors.CHANGE_REFUSED, "set " + key + "=" + value + ": " + e.getMessage(), "", e);
            }
        } catch (NetlinkException e) {
            throw new CniException(BridgeErrors.CHANGE_REFUSED, "set " + key + "=" + value + ": " + e.getMessage(), "", e);
        }
    }
}
