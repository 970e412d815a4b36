package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.bridge.BridgeVlan;
import io.jcni.netlink.bridge.BridgeVlans;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.MessageWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The VLAN changes ADD makes on a bridge port, in order, as the reference makes them: with an
 * access {@code vlan} or trunk VIDs and without {@code preserveDefaultVlan}, first every VLAN the
 * port came with is removed; then the access VLAN is added as PVID and untagged, or each trunk VID
 * is added tagged. Used for the pod's port and for the port of a VLAN gateway ({@link VlanGateway}).
 */
public final class PortVlans {
    /** One change: add or remove {@code vid} on the port (master side), with its PVID/untagged flags. */
    public record Change(boolean add, int vid, boolean pvid, boolean untagged) {
        static Change remove(int vid) {
            return new Change(false, vid, false, false);
        }

        public BridgeVlan vlan() {
            return new BridgeVlan(vid, pvid, untagged);
        }

        /** The netlink request this change sends for the port with index {@code portIndex}. */
        public MessageWriter request(int portIndex) {
            return BridgeVlans.portRequest(add, portIndex, List.of(vlan()));
        }
    }

    private PortVlans() {
    }

    /**
     * @param existing the VIDs the fresh port already has (the bridge's default PVID, normally 1)
     */
    public static List<Change> plan(BridgeConfig cfg, List<Integer> existing) {
        return plan(cfg.vlan(), cfg.vlanTrunk(), cfg.preserveDefaultVlan(), existing);
    }

    /**
     * @param vlan  the access VLAN (0: none)
     * @param trunk the trunk VIDs (empty: none); not together with {@code vlan}
     */
    public static List<Change> plan(int vlan, List<Integer> trunk, boolean preserveDefaultVlan, List<Integer> existing) {
        List<Change> out = new ArrayList<>();
        if (vlan == 0 && trunk.isEmpty()) {
            return out;
        }
        if (!preserveDefaultVlan) {
            existing.forEach(v -> out.add(Change.remove(v)));
        }
        if (vlan != 0) {
            out.add(new Change(true, vlan, true, true));
        }
        for (int v : trunk) {
            out.add(new Change(true, v, false, false));
        }
        return List.copyOf(out);
    }

    /**
     * Reads the port's VLANs, then makes the planned changes. A kernel without VLAN filtering
     * refuses them (EOPNOTSUPP, or EINVAL); that is reported as {@code option} being unsupported.
     */
    static void apply(HostSide host, Link port, int vlan, List<Integer> trunk, boolean preserveDefaultVlan, String option)
            throws CniException {
        if (vlan == 0 && trunk.isEmpty()) {
            return;
        }
        BridgeVlans vlans = new BridgeVlans(host.nl().socket());
        try {
            List<Integer> existing = vlans.list(port.index()).stream().map(BridgeVlan::vid).toList();
            for (Change c : plan(vlan, trunk, preserveDefaultVlan, existing)) {
                if (c.add()) {
                    vlans.add(port.index(), c.vlan());
                } else {
                    vlans.delete(port.index(), List.of(c.vlan()));
                }
            }
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.EINVAL) {
                throw BridgeLink.vlanUnsupported(option, "setting the VLANs of bridge port " + port.name() + " failed", e);
            }
            throw refused(port, e);
        } catch (NetlinkException e) {
            throw refused(port, e);
        }
    }

    private static CniException refused(Link port, NetlinkException e) {
        return KernelCall.refused("set the VLANs of bridge port " + port.name(), e);
    }
}
