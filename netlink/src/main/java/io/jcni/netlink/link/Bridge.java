package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.MessageWriter;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bridge to create. VLAN filtering off is the kernel's default and is not sent, so that bridges
 * can be made on kernels built without VLAN filtering (which refuse the attribute even as 0);
 * asking for it on such a kernel fails with EOPNOTSUPP.
 */
public record Bridge(String name, OptionalInt mtu, Optional<MacAddress> mac, boolean vlanFiltering) implements LinkSpec {
    public Bridge {
        LinkNames.check("bridge name", name);
        NewLinkMessage.checkMtu(mtu);
    }

    public static Bridge named(String name) {
        return new Bridge(name, OptionalInt.empty(), Optional.empty(), false);
    }

    public Bridge withMtu(int mtu) {
        return new Bridge(name, OptionalInt.of(mtu), mac, vlanFiltering);
    }

    public Bridge withMac(MacAddress mac) {
        return new Bridge(name, mtu, Optional.of(mac), vlanFiltering);
    }

    public Bridge withVlanFiltering(boolean on) {
        return new Bridge(name, mtu, mac, on);
    }

    @Override
    public String describe() {
        return "bridge " + name;
    }

    @Override
    public MessageWriter toMessage() {
        return NewLinkMessage.create(name, mtu, mac, "bridge", null,
                vlanFiltering ? d -> d.attrU8(IfLinkConstants.IFLA_BR_VLAN_FILTERING, 1) : null);
    }
}
