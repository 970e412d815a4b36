package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.plugin.kernel.HostSide;

/** The rules of the configured backend, in the host namespace. */
final class FirewallBackends {
    private FirewallBackends() {
    }

    static FirewallRules of(Backend backend, HostSide host) throws CniException {
        return switch (backend) {
            case IPTABLES -> new IptablesFirewall(host.tools());
            case NFTABLES -> new NftablesFirewall(host.ns());
            case FIREWALLD -> throw Firewalld.unavailable(Firewalld.SYSTEM_BUS);
        };
    }
}
