package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;

import java.nio.file.Path;

/**
 * The {@code tuning} plugin, chained after one that made the pod interface: sets network sysctls
 * of the pod's namespace and the interface's MAC, MTU, promiscuous and all-multicast mode and
 * transmit queue length, compatible with the reference (same options, same backup files, same
 * result).
 */
public final class TuningPlugin implements CniPlugin {
    public static final String TYPE = "tuning";

    private final Path allowlist;

    public TuningPlugin() {
        this(SysctlAllowlist.DEFAULT);
    }

    /** Reads the sysctl allow-list from {@code allowlist} instead of /etc/cni/tuning/allowlist.conf. */
    TuningPlugin(Path allowlist) {
        this.allowlist = allowlist;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result add(Request request) throws CniException {
        return new AddCommand().run(TuningCall.read(request, allowlist));
    }

    @Override
    public void del(Request request) throws CniException {
        new DelCommand().run(request);
    }

    @Override
    public void check(Request request) throws CniException {
        new CheckCommand().run(TuningCall.read(request, allowlist));
    }

    /** Always ready: tuning needs nothing from the host. */
    @Override
    public void status(Request request) throws CniException {
        NetworkConfig.parse(request.config());
    }

    @Override
    public void gc(Request request) throws CniException {
        new GcCommand().run(request);
    }
}
