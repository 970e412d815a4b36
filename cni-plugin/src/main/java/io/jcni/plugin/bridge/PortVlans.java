package io.jcni.plugin.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * The VLAN changes ADD makes on the pod's bridge port, in order, as the reference makes them: with
 * {@code vlan} or {@code vlanTrunk} and without {@code preserveDefaultVlan}, first every VLAN the
 * port came with is removed; then {@code vlan} is added as PVID and untagged (an access port), or
 * each trunk VID is added tagged.
 */
public final class PortVlans {
    /** One change: add or remove {@code vid} on the port (master side), with its PVID/untagged flags. */
    public record Change(boolean add, int vid, boolean pvid, boolean untagged) {
        static Change remove(int vid) {
            return new Change(false, vid, false, false);
        }
    }

    private PortVlans() {
    }

    /**
     * @param existing the VIDs the fresh port already has (the bridge's default PVID, normally 1)
     */
    public static List<Change> plan(BridgeConfig cfg, List<Integer> existing) {
        List<Change> out = new ArrayList<>();
        if (!cfg.vlanFiltering()) {
            return out;
        }
        if (!cfg.preserveDefaultVlan()) {
            existing.forEach(v -> out.add(Change.remove(v)));
        }
        if (cfg.vlan() != 0) {
            out.add(new Change(true, cfg.vlan(), true, true));
        }
        for (int v : cfg.vlanTrunk()) {
            out.add(new Change(true, v, false, false));
        }
        return List.copyOf(out);
    }
}
