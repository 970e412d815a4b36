package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.wire.IfLinkConstants;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network interface as the kernel reported it.
 *
 * @param index ifindex, unique within its namespace
 * @param kind the driver kind from IFLA_INFO_KIND ("bridge", "veth"...); empty for physical and loopback links
 * @param mac hardware address, empty when the link has none
 * @param masterIndex ifindex of the bridge (or other master) this link is enslaved to
 * @param flags ifi_flags (IFF_*), see {@link #isUp()}
 * @param promiscuity how many users asked for promiscuous mode (IFLA_PROMISCUITY)
 * @param parentIndex IFLA_LINK: a veth's peer, a vlan's parent (may be in another namespace)
 * @param bridgeVlanFiltering for bridges, whether VLAN filtering is on
 * @param txQueueLength IFLA_TXQLEN, the transmit queue length (txqueuelen)
 */
public record Link(int index, String name, Optional<String> kind, int mtu, Optional<MacAddress> mac,
                   OptionalInt masterIndex, OperState operState, int flags, int promiscuity,
                   Optional<String> alias, OptionalInt parentIndex, Optional<Boolean> bridgeVlanFiltering,
                   int txQueueLength) {

    /** Administratively up (IFF_UP). */
    public boolean isUp() {
        return (flags & IfLinkConstants.IFF_UP) != 0;
    }

    /** Promiscuous mode requested through the interface flags (IFF_PROMISC). */
    public boolean isPromiscuous() {
        return (flags & IfLinkConstants.IFF_PROMISC) != 0;
    }

    /** Receives all multicast frames (IFF_ALLMULTI). */
    public boolean isAllMulticast() {
        return (flags & IfLinkConstants.IFF_ALLMULTI) != 0;
    }

    /** The lower layer signals carrier (IFF_LOWER_UP). */
    public boolean hasCarrier() {
        return (flags & IfLinkConstants.IFF_LOWER_UP) != 0;
    }
}
