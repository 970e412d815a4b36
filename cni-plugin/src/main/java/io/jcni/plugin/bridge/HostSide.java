package io.jcni.plugin.bridge;

import io.jcni.conf.CniException;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.bridge.firewall.HostTools;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The host network namespace the plugin serves (where the bridge lives): the namespace the caller
 * runs in, or the one at a given path for callers that serve another one (tests, a manager
 * process). Holds the namespace open, a netlink handle on it and the firewall tools bound to it.
 */
public final class HostSide implements AutoCloseable {
    public final NetNamespace ns;
    public final Netlink nl;
    final HostTools tools;

    private HostSide(NetNamespace ns, Netlink nl, HostTools tools) {
        this.ns = ns;
        this.nl = nl;
        this.tools = tools;
    }

    public static HostSide open(Optional<Path> hostNetns) throws CniException {
        NetNamespace ns = KernelCall.get("open the host network namespace",
                () -> hostNetns.map(NetNamespace::open).orElseGet(NetNamespace::current));
        try {
            Netlink nl = KernelCall.get("open a netlink socket in " + ns.path(), () -> hostNetns.isPresent()
                    ? Netlink.open(ns) : Netlink.openCurrent());
            return new HostSide(ns, nl, new HostTools(hostNetns));
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
