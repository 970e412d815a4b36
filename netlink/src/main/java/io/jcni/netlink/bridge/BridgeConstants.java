package io.jcni.netlink.bridge;

/** Values from linux/if_link.h (IFLA_BRPORT_*), linux/if_bridge.h and linux/rtnetlink.h (RTEXT_FILTER_*). */
final class BridgeConstants {
    // Port attributes: nested in IFLA_PROTINFO (AF_BRIDGE) and in IFLA_INFO_SLAVE_DATA (kind bridge)
    static final int IFLA_BRPORT_MODE = 4;
    static final int IFLA_BRPORT_LEARNING = 8;
    static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
    static final int IFLA_BRPORT_MCAST_FLOOD = 27;
    static final int IFLA_BRPORT_BCAST_FLOOD = 30;
    static final int IFLA_BRPORT_ISOLATED = 33;

    // Nested in IFLA_AF_SPEC of AF_BRIDGE messages
    static final int IFLA_BRIDGE_FLAGS = 0;
    static final int IFLA_BRIDGE_VLAN_INFO = 2;
    /** IFLA_BRIDGE_FLAGS: act on the bridge device itself rather than on the port's master. */
    static final int BRIDGE_FLAGS_SELF = 2;

    // struct bridge_vlan_info.flags
    static final int BRIDGE_VLAN_INFO_PVID = 1 << 1;
    static final int BRIDGE_VLAN_INFO_UNTAGGED = 1 << 2;
    static final int BRIDGE_VLAN_INFO_RANGE_BEGIN = 1 << 3;
    static final int BRIDGE_VLAN_INFO_RANGE_END = 1 << 4;

    /** IFLA_EXT_MASK bit asking an AF_BRIDGE dump to include each port's VLANs. */
    static final int RTEXT_FILTER_BRVLAN = 1 << 1;

    private BridgeConstants() {
    }
}
