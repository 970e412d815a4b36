package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code bandwidth} plugin: limits a pod's ingress and egress rate with token bucket qdiscs on
 * the host end of its veth and on an ifb device, compatible with the reference Go plugin (same
 * options, capability, device names, qdiscs and filters, results).
 */
public final class BandwidthPlugin implements CniPlugin {
    public static final String TYPE = "bandwidth";

    private final Optional<Path> hostNetns;

    /** Serves the host namespace the calling thread is in (the process's, when run as an executable). */
    public BandwidthPlugin() {
        this.hostNetns = Optional.empty();
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    public BandwidthPlugin(Path hostNetns) {
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

    @Override
    public void gc(Request request) throws CniException {
        new GcCommand(hostNetns).run(request);
    }
}
