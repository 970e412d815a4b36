package io.jcni.plugin.kernel;

import io.jcni.conf.CniException;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.ns.NetNamespace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The host network namespace the plugin serves (where the bridge lives): the namespace the caller
 * runs in, or the one at a given path for callers that serve another one (tests, a manager
 * process). Holds the namespace open, a netlink handle on it and the firewall tools bound to it.
 */
public final class HostSide implements AutoCloseable {
    private final NetNamespace ns;
    private final Netlink nl;
    private final HostTools tools;

    private HostSide(NetNamespace ns, Netlink nl, HostTools tools) {
        this.ns = ns;
        this.nl = nl;
        this.tools = tools;
    }

    /**
     * @param hostNetns   the host namespace to serve; empty for the caller's
     * @param environment the invocation's environment, for the tools this side runs
     */
    public static HostSide open(Optional<Path> hostNetns, Map<String, String> environment) throws CniException {
        NetNamespace ns = KernelCall.get("open the host network namespace",
                () -> hostNetns.map(NetNamespace::open).orElseGet(NetNamespace::current));
        try {
            Netlink nl = KernelCall.get("open a netlink socket in " + ns.path(), () -> hostNetns.isPresent()
                    ? Netlink.open(ns) : Netlink.openCurrent());
            return new HostSide(ns, nl, new HostTools(hostNetns, environment));
        } catch (CniException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    public NetNamespace ns() {
        return ns;
    }

    public Netlink nl() {
        return nl;
    }

    /** The system tools, run in this namespace. */
    public HostTools tools() {
        return tools;
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
