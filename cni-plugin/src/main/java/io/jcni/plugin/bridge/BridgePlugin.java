package io.jcni.plugin.bridge;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.ipam.IpamPlugins;
import io.jcni.plugin.HostCommandPlugin;

import java.nio.file.Path;

/**
 * The {@code bridge} plugin: connects a pod's network namespace to a Linux bridge in the host
 * namespace with a veth pair, IPAM addresses, routes and masquerade, compatible with the reference
 * Go plugin (same options, names, rules and results).
 */
public final class BridgePlugin extends HostCommandPlugin {
    public static final String TYPE = "bridge";
    private static final Verbs VERBS = new Verbs(
            (hostNetns, request) -> new AddCommand(hostNetns).run(request),
            (hostNetns, request) -> new DelCommand(hostNetns).run(request),
            (hostNetns, request) -> new CheckCommand(hostNetns).run(request),
            (hostNetns, request) -> new GcCommand(hostNetns).run(request));

    /** Serves the host namespace the calling thread is in (the process's, when run as an executable). */
    public BridgePlugin() {
        super(TYPE, VERBS);
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    public BridgePlugin(Path hostNetns) {
        super(TYPE, hostNetns, VERBS);
    }

    /** Ready unless IPAM reports otherwise. */
    @Override
    public void status(Request request) throws CniException {
        BridgeConfig cfg = BridgeConfig.of(NetworkConfig.parse(request.config()), request.args());
        if (cfg.ipamType().isPresent()) {
            IpamPlugins.forType(cfg.ipamType().get(), request.path()).status(request);
        }
    }
}
