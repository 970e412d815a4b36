package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.plugin.HostCommandPlugin;

import java.nio.file.Path;

/**
 * The {@code portmap} plugin: a chained plugin that forwards host ports to the pod (the
 * {@code portMappings} capability), compatible with the reference Go plugin (same options, chain
 * names, rules and comments, and prevResult passed through).
 */
public final class PortmapPlugin extends HostCommandPlugin {
    public static final String TYPE = "portmap";
    private static final Verbs VERBS = new Verbs(
            (hostNetns, request) -> new AddCommand(hostNetns).run(request),
            (hostNetns, request) -> new DelCommand(hostNetns).run(request),
            (hostNetns, request) -> new CheckCommand(hostNetns).run(request),
            (hostNetns, request) -> new GcCommand(hostNetns).run(request));

    /** Serves the host namespace the calling thread is in. */
    public PortmapPlugin() {
        super(TYPE, VERBS);
    }

    /** Serves the host namespace at {@code hostNetns}, wherever the caller runs. */
    public PortmapPlugin(Path hostNetns) {
        super(TYPE, hostNetns, VERBS);
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
}
