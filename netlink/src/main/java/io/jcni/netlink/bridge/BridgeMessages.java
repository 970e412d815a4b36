package io.jcni.netlink.bridge;

import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.jcni.netlink.bridge.BridgeConstants.*;

/**
 * The rtnetlink messages for bridge ports and VLANs, and their decoding. Port flags and VLANs are
 * AF_BRIDGE messages addressed by the port's index: the kernel hands them to the port's bridge.
 */
final class BridgeMessages {
    private BridgeMessages() {
    }

    /** RTM_SETLINK AF_BRIDGE with IFLA_PROTINFO (NLA_F_NESTED: the kernel reads port attributes only then). */
    static MessageWriter setPortFlags(int portIndex, BridgePortFlags flags) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_SETLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_BRIDGE, 0, portIndex, 0, 0).writeTo(w);
        w.nested(IfLinkConstants.IFLA_PROTINFO, p -> {
            flags.hairpin().ifPresent(v -> p.attrU8(IFLA_BRPORT_MODE, v ? 1 : 0));
            flags.isolated().ifPresent(v -> p.attrU8(IFLA_BRPORT_ISOLATED, v ? 1 : 0));
            flags.learning().ifPresent(v -> p.attrU8(IFLA_BRPORT_LEARNING, v ? 1 : 0));
            flags.unicastFlood().ifPresent(v -> p.attrU8(IFLA_BRPORT_UNICAST_FLOOD, v ? 1 : 0));
            flags.multicastFlood().ifPresent(v -> p.attrU8(IFLA_BRPORT_MCAST_FLOOD, v ? 1 : 0));
            flags.broadcastFlood().ifPresent(v -> p.attrU8(IFLA_BRPORT_BCAST_FLOOD, v ? 1 : 0));
        });
        return w;
    }

    /** RTM_GETLINK of one link by index: a bridge port's flags come in IFLA_INFO_SLAVE_DATA. */
    static MessageWriter getLink(int index) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, index, 0, 0).writeTo(w);
        return w;
    }

    /**
     * RTM_SETLINK (add) or RTM_DELLINK (delete) AF_BRIDGE with IFLA_AF_SPEC holding one
     * IFLA_BRIDGE_VLAN_INFO per VLAN. {@code self}: the VLANs of the bridge device itself.
     */
    static MessageWriter vlans(boolean add, int index, List<BridgeVlan> vlans, boolean self) {
        MessageWriter w = new MessageWriter(add ? RtnetlinkConstants.RTM_SETLINK : RtnetlinkConstants.RTM_DELLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_BRIDGE, 0, index, 0, 0).writeTo(w);
        w.nested(IfLinkConstants.IFLA_AF_SPEC, spec -> {
            if (self) {
                spec.attrU16(IFLA_BRIDGE_FLAGS, BRIDGE_FLAGS_SELF);
            }
            for (BridgeVlan v : vlans) {
                spec.attr(IFLA_BRIDGE_VLAN_INFO, vlanInfo(v));
            }
        });
        return w;
    }

    /** struct bridge_vlan_info { __u16 flags; __u16 vid; } in host order. */
    private static byte[] vlanInfo(BridgeVlan v) {
        int flags = (v.pvid() ? BRIDGE_VLAN_INFO_PVID : 0) | (v.untagged() ? BRIDGE_VLAN_INFO_UNTAGGED : 0);
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) flags).putShort((short) v.vid()).array();
    }

    /** RTM_GETLINK AF_BRIDGE dump with IFLA_EXT_MASK = RTEXT_FILTER_BRVLAN: every port with its VLANs. */
    static MessageWriter dumpVlans() {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_BRIDGE, 0, 0, 0, 0).writeTo(w);
        w.attrU32(IfLinkConstants.IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
        return w;
    }

    /** RTM_NEWLINK on an existing bridge setting IFLA_BR_VLAN_FILTERING. */
    static MessageWriter setVlanFiltering(int bridgeIndex, boolean on) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, bridgeIndex, 0, 0).writeTo(w);
        w.nested(IfLinkConstants.IFLA_LINKINFO, info -> {
            info.attrString(IfLinkConstants.IFLA_INFO_KIND, "bridge");
            info.nested(IfLinkConstants.IFLA_INFO_DATA, d -> d.attrU8(IfLinkConstants.IFLA_BR_VLAN_FILTERING, on ? 1 : 0));
        });
        return w;
    }

    /** The port of an RTM_NEWLINK reply, or empty when the link is not a bridge port. */
    static Optional<BridgePort> port(Message m) {
        Cursor c = m.body();
        IfInfoMsg header = IfInfoMsg.read(c);
        Attributes a = c.attributes();
        Optional<Attributes> info = a.get(IfLinkConstants.IFLA_LINKINFO).map(Attribute::nested);
        boolean bridgePort = info.flatMap(i -> i.get(IfLinkConstants.IFLA_INFO_SLAVE_KIND))
                .map(Attribute::string).filter("bridge"::equals).isPresent();
        if (!bridgePort) {
            return Optional.empty();
        }
        Attributes port = info.get().require(IfLinkConstants.IFLA_INFO_SLAVE_DATA, "bridge port data").nested();
        int master = a.require(IfLinkConstants.IFLA_MASTER, "bridge port master").u32();
        return Optional.of(new BridgePort(header.index(), master, flag(port, IFLA_BRPORT_MODE), flag(port, IFLA_BRPORT_ISOLATED),
                flag(port, IFLA_BRPORT_LEARNING), flag(port, IFLA_BRPORT_UNICAST_FLOOD),
                flag(port, IFLA_BRPORT_MCAST_FLOOD), flag(port, IFLA_BRPORT_BCAST_FLOOD)));
    }

    private static boolean flag(Attributes port, int type) {
        return port.get(type).map(Attribute::u8).orElse(0) != 0;
    }

    /** The link index an AF_BRIDGE dump entry is about. */
    static int index(Message m) {
        return IfInfoMsg.read(m.body()).index();
    }

    /** The VLANs of an AF_BRIDGE dump entry (ranges expanded), in the kernel's order. */
    static List<BridgeVlan> vlans(Message m) {
        Cursor c = m.body();
        IfInfoMsg.read(c);
        List<BridgeVlan> out = new ArrayList<>();
        Optional<Attribute> spec = c.attributes().get(IfLinkConstants.IFLA_AF_SPEC);
        if (spec.isEmpty()) {
            return out;
        }
        int rangeStart = -1;
        for (Attribute info : spec.get().nested().all(IFLA_BRIDGE_VLAN_INFO)) {
            Cursor v = info.cursor();
            int flags = v.u16("bridge_vlan_info.flags");
            int vid = v.u16("bridge_vlan_info.vid");
            if (vid < BridgeVlan.MIN_VID || vid > BridgeVlan.MAX_VID) {
                throw new NetlinkParseException("bridge VLAN id out of range: " + vid);
            }
            if ((flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) != 0) {
                rangeStart = vid;
                continue;
            }
            int from = (flags & BRIDGE_VLAN_INFO_RANGE_END) != 0 && rangeStart > 0 && rangeStart <= vid ? rangeStart : vid;
            rangeStart = -1;
            for (int id = from; id <= vid; id++) {
                out.add(new BridgeVlan(id, (flags & BRIDGE_VLAN_INFO_PVID) != 0, (flags & BRIDGE_VLAN_INFO_UNTAGGED) != 0));
            }
        }
        return out;
    }
}
