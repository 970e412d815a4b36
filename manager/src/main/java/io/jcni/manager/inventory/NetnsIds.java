package io.jcni.manager.inventory;

import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ids a namespace gives the other namespaces its links point into (what {@code ip link} shows
 * as {@code link-netnsid}, and {@code ip netns list-id}). A veth's peer ifindex alone does not
 * tell which namespace it is in: fresh namespaces number their links alike, so only the pair
 * (link-netnsid of the host veth, the id the host gives a candidate namespace) finds the pod end.
 */
final class NetnsIds {
    static final int RTM_NEWNSID = 88;
    static final int RTM_GETNSID = 90;
    static final int NETNSA_NSID = 1;
    static final int NETNSA_FD = 3;

    private NetnsIds() {
    }

    /** ifindex → IFLA_LINK_NETNSID, for the links of {@code host} that have one. */
    static Map<Integer, Integer> linkNetnsIds(NetlinkSocket host) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
        Map<Integer, Integer> out = new HashMap<>();
        for (Message m : host.dump("list links", "", w)) {
            Cursor c = m.body();
            IfInfoMsg info = IfInfoMsg.read(c);
            Attributes a = c.attributes();
            a.get(IfLinkConstants.IFLA_LINK_NETNSID).map(Attribute::u32).ifPresent(id -> out.put(info.index(), id));
        }
        return out;
    }

    /** The id {@code host} gives the namespace open as {@code fd} in this process; empty when none is assigned. */
    static OptionalInt idOf(NetlinkSocket host, int fd) {
        MessageWriter w = new MessageWriter(RTM_GETNSID, 0);
        w.u8(RtnetlinkConstants.AF_UNSPEC).u8(0).u16(0); // struct rtgenmsg, padded to 4 bytes
        w.attrU32(NETNSA_FD, fd);
        List<Message> replies = host.request("get the namespace id", "fd " + fd, w);
        for (Message m : replies) {
            if (m.type() != RTM_NEWNSID) {
                continue;
            }
            Cursor c = m.body();
            c.skip(4, "rtgenmsg");
            OptionalInt id = c.attributes().get(NETNSA_NSID).map(a -> OptionalInt.of(a.u32())).orElse(OptionalInt.empty());
            if (id.isPresent() && id.getAsInt() >= 0) {
                return id;
            }
        }
        return OptionalInt.empty();
    }
}
