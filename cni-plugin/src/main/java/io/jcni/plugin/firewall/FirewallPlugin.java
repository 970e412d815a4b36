package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.plugin.HostCommandPlugin;
import io.jcni.plugin.rules.IptablesTool;

import java.nio.file.Path;

/**
 * The {@code firewall} plugin, a chained plugin compatible with the reference Go plugin: lets the
 * addresses of prevResult be forwarded through the host firewall (iptables, as the reference, or
 * nftables through our netlink client) and passes prevResult through.
 */
public final class FirewallPlugin extends HostCommandPlugin {
    public static final String TYPE = "firewall";
    private static final Verbs VERBS = new Verbs(
            (hostNetns, request) -> new AddCommand(hostNetns).run(request),
            (hostNetns, request) -> new DelCommand(hostNetns).run(request),
            (hostNetns, request) -> new CheckCommand(hostNetns).run(request),
            (hostNetns, request) -> new GcCommand(hostNetns).run(request));

    /** Serves the host namespace the calling thread is in (the process's, when run as an executable). */
    public FirewallPlugin() {
        super(TYPE, VERBS);
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    public FirewallPlugin(Path hostNetns) {
        super(TYPE, hostNetns, VERBS);
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
}
