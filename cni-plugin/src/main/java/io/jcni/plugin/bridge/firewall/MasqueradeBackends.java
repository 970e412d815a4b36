package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.kernel.HostTools;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.conf.result.IpPrefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which masquerade backend serves a request. ADD uses the configured one or, like the reference,
 * iptables unless only nftables is available. DEL and GC clean every available backend, since the
 * pod may have been added by another plugin version or under another config.
 */
public final class MasqueradeBackends {
    private final HostTools tools;
    private final NetNamespace hostNs;

    /** @param tools runs iptables in the host namespace; {@code hostNs} is that namespace, for nf_tables */
    public MasqueradeBackends(HostTools tools, NetNamespace hostNs) {
        this.tools = tools;
        this.hostNs = hostNs;
    }

    /** The backend an ADD writes to. */
    public MasqueradeRules forAdd(Optional<MasqueradeBackend> configured) {
        return forAdd(configured, List.of());
    }

    /** The backend an ADD writes to, leaving traffic to {@code exempt} (beside the pod's subnet) unmasqueraded. */
    public MasqueradeRules forAdd(Optional<MasqueradeBackend> configured, List<IpPrefix> exempt) {
        return create(configured.orElseGet(MasqueradeBackends::defaultBackend), exempt);
    }

    /**
     * The reference's rule: iptables, unless iptables is missing and nftables is there. Our
     * nftables client needs only the kernel, which has nf_tables whenever iptables-nft works.
     */
    public static MasqueradeBackend defaultBackend() {
        return IptablesMasquerade.available() ? MasqueradeBackend.IPTABLES : MasqueradeBackend.NFTABLES;
    }

    /** Every backend usable here, for DEL and GC. */
    public List<MasqueradeRules> all() {
        List<MasqueradeRules> out = new ArrayList<>();
        if (IptablesMasquerade.available()) {
            out.add(create(MasqueradeBackend.IPTABLES, List.of()));
        }
        out.add(create(MasqueradeBackend.NFTABLES, List.of()));
        return out;
    }

    private MasqueradeRules create(MasqueradeBackend b, List<IpPrefix> exempt) {
        return switch (b) {
            case IPTABLES -> new IptablesMasquerade(tools, hostNs, exempt);
            case NFTABLES -> new NftablesMasquerade(hostNs, exempt);
        };
    }
}
