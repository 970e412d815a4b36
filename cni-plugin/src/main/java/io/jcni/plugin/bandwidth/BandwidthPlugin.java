package io.jcni.plugin.bandwidth;

import io.jcni.plugin.HostCommandPlugin;

import java.nio.file.Path;

/**
 * The {@code bandwidth} plugin: limits a pod's ingress and egress rate with token bucket qdiscs on
 * the host end of its veth and on an ifb device, compatible with the reference Go plugin (same
 * options, capability, device names, qdiscs and filters, results).
 */
public final class BandwidthPlugin extends HostCommandPlugin {
    public static final String TYPE = "bandwidth";
    private static final Verbs VERBS = new Verbs(
            (hostNetns, request) -> new AddCommand(hostNetns).run(request),
            (hostNetns, request) -> new DelCommand(hostNetns).run(request),
            (hostNetns, request) -> new CheckCommand(hostNetns).run(request),
            (hostNetns, request) -> new GcCommand(hostNetns).run(request));

    /** Serves the host namespace the calling thread is in (the process's, when run as an executable). */
    public BandwidthPlugin() {
        super(TYPE, VERBS);
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    public BandwidthPlugin(Path hostNetns) {
        super(TYPE, hostNetns, VERBS);
    }
}
