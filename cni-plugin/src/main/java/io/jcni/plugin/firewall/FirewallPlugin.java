package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;

import io.jcni.plugin.rules.IptablesTool;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code firewall} plugin, a chained plugin compatible with the reference Go plugin: lets the
 * addresses of prevResult be forwarded through the host firewall (iptables, as the reference, or
 * nftables through our netlink client) and passes prevResult through.
 */
public final class FirewallPlugin implements CniPlugin {
    public static final String TYPE = "firewall";

    private final Optional<Path> hostNetns;

    /** Serves the host namespace the calling thread is in (the process's, when run as an executable). */
    public FirewallPlugin() {
        this.hostNetns = Optional.empty();
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    public FirewallPlugin(Path hostNetns) {
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

    /** Ready, unless the backend is firewalld (which jcni cannot drive) or iptables without its tools. */
    @Override
    public void status(Request request) throws CniException {
        FirewallConfig cfg = FirewallConfig.of(NetworkConfig.parse(request.config()));
        if (cfg.backend() == Backend.FIREWALLD) {
            CniException why = Firewalld.unavailable(Firewalld.SYSTEM_BUS);
            throw new CniException(ErrorCode.NOT_AVAILABLE, why.getMessage());
        }
        if (cfg.backend() == Backend.IPTABLES && !IptablesTool.installed(IptablesTool.Family.V4)) {
            throw new CniException(ErrorCode.NOT_AVAILABLE, "backend: iptables: iptables-save and iptables-restore are not"
                    + " installed; install iptables or use backend \"nftables\"");
        }
    }

    @Override
    public void gc(Request request) throws CniException {
        new GcCommand(hostNetns).run(request);
    }
}
