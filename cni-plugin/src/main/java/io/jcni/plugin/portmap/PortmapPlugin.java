package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code portmap} plugin: a chained plugin that forwards host ports to the pod (the
 * {@code portMappings} capability), compatible with the reference Go plugin (same options, chain
 * names, rules and comments, and prevResult passed through).
 */
public final class PortmapPlugin implements CniPlugin {
    public static final String TYPE = "portmap";

    private final Optional<Path> hostNetns;

    /** Serves the host namespace the calling thread is in. */
    public PortmapPlugin() {
        this.hostNetns = Optional.empty();
    }

    /** Serves the host namespace at {@code hostNetns}, wherever the caller runs. */
    public PortmapPlugin(Path hostNetns) {
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

    /** Ready when the backend ADD would use is usable. */
    @Override
    public void status(Request request) throws CniException {
        PortmapConfig cfg = PortmapConfig.of(NetworkConfig.parse(request.config()));
        PortmapBackend b = cfg.backend().orElseGet(PortForwardings::defaultBackend);
        if (b == PortmapBackend.IPTABLES && !IptablesPortForwarding.available()) {
            throw new CniException(ErrorCode.NOT_AVAILABLE, "backend iptables: iptables-save/iptables-restore not installed");
        }
    }

    @Override
    public void gc(Request request) throws CniException {
        new GcCommand(hostNetns).run(request);
    }
}
