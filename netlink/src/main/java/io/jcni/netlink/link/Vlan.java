package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.MessageWriter;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An 802.1Q (or 802.1ad) VLAN link on top of {@code parentIndex}. Kernels without 802.1Q
 * support refuse it with EOPNOTSUPP ("Unknown device type").
 */
public record Vlan(String name, int parentIndex, int vlanId, boolean ieee8021ad, OptionalInt mtu,
                   Optional<MacAddress> mac) implements LinkSpec {
    public Vlan {
        LinkNames.check("vlan name", name);
        NewLinkMessage.checkMtu(mtu);
        if (vlanId < 1 || vlanId > 4094) {
            throw new IllegalArgumentException("vlan id: " + vlanId + " is outside 1..4094");
        }
        if (parentIndex <= 0) {
            throw new IllegalArgumentException("vlan parent: invalid ifindex " + parentIndex);
        }
    }

    public static Vlan on(int parentIndex, String name, int vlanId) {
        return new Vlan(name, parentIndex, vlanId, false, OptionalInt.empty(), Optional.empty());
    }

    public Vlan withMtu(int mtu) {
        return new Vlan(name, parentIndex, vlanId, ieee8021ad, OptionalInt.of(mtu), mac);
    }

    public Vlan withMac(MacAddress mac) {
        return new Vlan(name, parentIndex, vlanId, ieee8021ad, mtu, Optional.of(mac));
    }

    /** Use the 802.1ad (QinQ) ethertype instead of 802.1Q. */
    public Vlan withIeee8021ad(boolean on) {
        return new Vlan(name, parentIndex, vlanId, on, mtu, mac);
    }

    @Override
    public String describe() {
        return "vlan " + name + " (id " + vlanId + " on ifindex " + parentIndex + ")";
    }

    @Override
    public MessageWriter toMessage() {
        return NewLinkMessage.create(name, mtu, mac, "vlan",
                w -> w.attrU32(IfLinkConstants.IFLA_LINK, parentIndex),
                data -> data.attrU16(IfLinkConstants.IFLA_VLAN_ID, vlanId)
                        .attrBe16(IfLinkConstants.IFLA_VLAN_PROTOCOL,
                                ieee8021ad ? IfLinkConstants.ETH_P_8021AD : IfLinkConstants.ETH_P_8021Q));
    }
}
