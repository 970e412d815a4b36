package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** The parts every RTM_NEWLINK create request shares: header, name, MTU, MAC, link info. */
final class NewLinkMessage {
    private NewLinkMessage() {
    }

    /** Name, MTU and address attributes, as used for the link and for a veth peer. */
    static void common(MessageWriter w, String name, OptionalInt mtu, Optional<MacAddress> mac) {
        w.attrString(IfLinkConstants.IFLA_IFNAME, name);
        mtu.ifPresent(m -> w.attrU32(IfLinkConstants.IFLA_MTU, m));
        mac.ifPresent(m -> w.attr(IfLinkConstants.IFLA_ADDRESS, m.bytes()));
    }

    /** A create request; {@code data} writes IFLA_INFO_DATA's content, or is null for none. */
    static MessageWriter create(String name, OptionalInt mtu, Optional<MacAddress> mac, String kind,
                                Consumer<MessageWriter> extra, Consumer<MessageWriter> data) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK,
                NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
        common(w, name, mtu, mac);
        if (extra != null) {
            extra.accept(w);
        }
        w.nested(IfLinkConstants.IFLA_LINKINFO, info -> {
            info.attrString(IfLinkConstants.IFLA_INFO_KIND, kind);
            if (data != null) {
                info.nested(IfLinkConstants.IFLA_INFO_DATA, data);
            }
        });
        return w;
    }

    static void checkMtu(OptionalInt mtu) {
        if (mtu.isPresent() && (mtu.getAsInt() < 68 || mtu.getAsInt() > 65535)) {
            throw new IllegalArgumentException("mtu: " + mtu.getAsInt() + " is outside 68..65535");
        }
    }
}
