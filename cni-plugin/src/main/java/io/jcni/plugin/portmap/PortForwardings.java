package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.kernel.HostTools;

import java.util.ArrayList;
import java.util.List;

/**
 * Which backend serves a request. ADD and CHECK use the configured one or, like the reference,
 * iptables when it is installed, else nftables (which needs only the kernel: no {@code nft} process). DEL and GC clean every usable backend, since the pod may have been
 * added under another config.
 */
final class PortForwardings {
    private PortForwardings() {
    }

    static PortmapBackend defaultBackend() {
        return IptablesPortForwarding.available() ? PortmapBackend.IPTABLES : PortmapBackend.NFTABLES;
    }

    static PortForwarding forAdd(PortmapConfig cfg, HostTools tools, NetNamespace hostNs) throws CniException {
        PortmapBackend b = cfg.backend().orElseGet(PortForwardings::defaultBackend);
        return switch (b) {
            case IPTABLES -> {
                if (!IptablesPortForwarding.available()) {
                    throw new CniException(ErrorCode.NOT_AVAILABLE, "backend iptables: iptables-save/iptables-restore not installed");
                }
                yield new IptablesPortForwarding(tools, hostNs);
            }
            case NFTABLES -> new NftablesPortForwarding(hostNs);
        };
    }

    static List<PortForwarding> all(HostTools tools, NetNamespace hostNs) {
        List<PortForwarding> out = new ArrayList<>();
        if (IptablesPortForwarding.available()) {
            out.add(new IptablesPortForwarding(tools, hostNs));
        }
        out.add(new NftablesPortForwarding(hostNs));
        return out;
    }
}
