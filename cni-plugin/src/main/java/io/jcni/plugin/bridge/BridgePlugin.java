package io.jcni.plugin.bridge;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;
import io.jcni.ipam.IpamPlugins;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code bridge} plugin: connects a pod's network namespace to a Linux bridge in the host
 * namespace with a veth pair, IPAM addresses, routes and masquerade, compatible with the reference
 * Go plugin (same options, names, rules and results).
 */
public final class BridgePlugin implements CniPlugin {
    public static final String TYPE = "bridge";

    private final Optional<Path> hostNetns;

    /** Serves the host namespace the calling thread is in (the process's, when run as an executable). */
    public BridgePlugin() {
        this.hostNetns = Optional.empty();
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    public BridgePlugin(Path hostNetns) {
        this.hostNetns = Optional.of(Objects.requireNonNull(hostNetns, "hostNetns"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result add(Request request) throws CniException {
        return new AddCommand(hostNetns).run(request);
    }

    @Override
    public void del(Request request) throws CniException {
        new DelCommand(hostNetns).run(request);
    }

    @Override
    public void check(Request request) throws CniException {
        new CheckCommand(hostNetns).run(request);
    }

    /** Ready unless IPAM reports otherwise. */
    @Override
    public void status(Request request) throws CniException {
        BridgeConfig cfg = BridgeConfig.of(NetworkConfig.parse(request.config()), request.args());
        if (cfg.ipamType().isPresent()) {
            IpamPlugins.forType(cfg.ipamType().get(), request.path()).status(request);
        }
    }

    @Override
    public void gc(Request request) throws CniException {
        new GcCommand(hostNetns).run(request);
    }
}
