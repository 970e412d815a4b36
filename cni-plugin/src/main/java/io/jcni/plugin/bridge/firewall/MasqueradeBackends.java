package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.bridge.MasqueradeBackend;

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

    public MasqueradeBackends(HostTools tools) {
        this.tools = tools;
    }

    /** The backend an ADD writes to. */
    public MasqueradeRules forAdd(Optional<MasqueradeBackend> configured) {
        return create(configured.orElseGet(MasqueradeBackends::defaultBackend));
    }

    /** The reference's rule: iptables, unless iptables is missing and nftables is there. */
    public static MasqueradeBackend defaultBackend() {
        return !IptablesMasquerade.available() && NftablesMasquerade.available()
                ? MasqueradeBackend.NFTABLES : MasqueradeBackend.IPTABLES;
    }

    /** Every backend usable here, for DEL and GC. */
    public List<MasqueradeRules> all() {
        List<MasqueradeRules> out = new ArrayList<>();
        if (IptablesMasquerade.available()) {
            out.add(create(MasqueradeBackend.IPTABLES));
        }
        if (NftablesMasquerade.available()) {
            out.add(create(MasqueradeBackend.NFTABLES));
        }
        return out;
    }

    private MasqueradeRules create(MasqueradeBackend b) {
        return switch (b) {
            case IPTABLES -> new IptablesMasquerade(tools);
            case NFTABLES -> new NftablesMasquerade(tools);
        };
    }
}
