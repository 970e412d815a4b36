package io.jcni.netlink.bridge;

/**
 * One VLAN on a bridge port.
 *
 * @param vid      VLAN id, 1..4094
 * @param pvid     untagged frames arriving on the port are put into this VLAN
 * @param untagged frames of this VLAN leave the port without a tag
 */
public record BridgeVlan(int vid, boolean pvid, boolean untagged) {
    public static final int MIN_VID = 1;
    public static final int MAX_VID = 4094;

    public BridgeVlan {
        if (vid < MIN_VID || vid > MAX_VID) {
            throw new IllegalArgumentException("VLAN id must be " + MIN_VID + ".." + MAX_VID + ": " + vid);
        }
    }

    /** A tagged VLAN (trunk member). */
    public static BridgeVlan tagged(int vid) {
        return new BridgeVlan(vid, false, false);
    }

    /** The port's native VLAN: PVID and untagged, as the CNI bridge plugin's {@code vlan} option sets it. */
    public static BridgeVlan access(int vid) {
        return new BridgeVlan(vid, true, true);
    }

    /** E.g. {@code vid 100 pvid untagged}, as {@code bridge vlan add} spells it. */
    @Override
    public String toString() {
        return "vid " + vid + (pvid ? " pvid" : "") + (untagged ? " untagged" : "");
    }
}
