package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.ns.Sysctl;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.plugin.kernel.KernelCall;

/**
 * Reads and writes the {@code sysctl} option's keys in the pod's namespace. A key the namespace
 * does not have (a host-wide key, or a typo) or cannot write, and a value the kernel rejects, are
 * the config's fault: code 7 naming the key, with the kernel's words in the details.
 */
final class PodSysctl {
    private PodSysctl() {
    }

    static String read(NetNamespace pod, SysctlKey key) throws CniException {
        try {
            return Sysctl.read(pod, key.path());
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG.code(), key.field()
                        + ": the pod's network namespace has no such sysctl (only per-namespace net.* keys can be set)",
                        e.getMessage(), e);
            }
            throw KernelCall.refused("read sysctl " + key.given() + " in the pod", e);
        } catch (NetlinkException e) {
            throw KernelCall.refused("read sysctl " + key.given() + " in the pod", e);
        }
    }

    static void write(NetNamespace pod, SysctlKey key, String value) throws CniException {
        try {
            Sysctl.write(pod, key.path(), value);
        } catch (ErrnoException e) {
            switch (e.errno()) {
                case Errno.ENOENT, Errno.EACCES, Errno.EPERM -> throw new CniException(
                        ErrorCode.INVALID_NETWORK_CONFIG.code(), key.field()
                        + ": cannot be set in the pod's network namespace (not a per-namespace sysctl, or read-only)",
                        e.getMessage(), e);
                case Errno.EINVAL, Errno.ERANGE -> throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG.code(),
                        key.field() + ": the kernel rejects the value \"" + value + "\"", e.getMessage(), e);
                default -> throw KernelCall.refused("set sysctl " + key.given() + "=" + value + " in the pod", e);
            }
        } catch (NetlinkException e) {
            throw KernelCall.refused("set sysctl " + key.given() + "=" + value + " in the pod", e);
        }
    }
}
