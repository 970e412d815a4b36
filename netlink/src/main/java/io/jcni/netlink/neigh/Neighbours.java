package io.jcni.netlink.neigh;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.MacAddress;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NdMsg;
import io.jcni.netlink.wire.NeighbourConstants;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.util.ArrayList;
import java.util.List;

/** Neighbour (ARP/NDP cache) operations of one handle: list, and delete to flush stale entries. */
public final class Neighbours {
    private final NetlinkSocket socket;

    public Neighbours(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Every neighbour entry of that family. */
    public List<Neighbour> list(IpFamily family) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETNEIGH, 0);
        new NdMsg(family.number(), 0, 0, 0, 0).writeTo(w);
        List<Neighbour> out = new ArrayList<>();
        for (Message m : socket.dump("list neighbours", family.name(), w)) {
            Neighbour n = parse(m);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** The entries of that family on one link. */
    public List<Neighbour> list(IpFamily family, int linkIndex) {
        return list(family).stream().filter(n -> n.linkIndex() == linkIndex).toList();
    }

    /** Adds an entry with the neighbour's state and address (e.g. a permanent one); EEXIST if present. */
    public void add(Neighbour n) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWNEIGH,
                NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
        new NdMsg(n.family().number(), n.linkIndex(), NeighbourState.toBits(n.state()), n.flags(), 0).writeTo(w);
        w.attrInet(NeighbourConstants.NDA_DST, n.address());
        n.mac().ifPresent(m -> w.attr(NeighbourConstants.NDA_LLADDR, m.bytes()));
        socket.execute("add neighbour", n.toString(), w);
    }

    /** Deletes the entry for the neighbour's address on its link; ENOENT if there is none. */
    public void delete(Neighbour n) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_DELNEIGH, 0);
        new NdMsg(n.family().number(), n.linkIndex(), 0, 0, 0).writeTo(w);
        w.attrInet(NeighbourConstants.NDA_DST, n.address());
        socket.execute("delete neighbour", n.toString(), w);
    }

    /** Decodes an RTM_NEWNEIGH message; null for entries without an IP address (bridge FDB). */
    public static Neighbour parse(Message m) {
        if (m.type() != RtnetlinkConstants.RTM_NEWNEIGH) {
            throw new NetlinkParseException("expected RTM_NEWNEIGH, got message type " + m.type());
        }
        Cursor c = m.body();
        NdMsg hdr = NdMsg.read(c);
        Attributes a = c.attributes();
        if (hdr.family() != RtnetlinkConstants.AF_INET && hdr.family() != RtnetlinkConstants.AF_INET6) {
            return null;
        }
        if (hdr.index() <= 0) {
            throw new NetlinkParseException("neighbour message with ifindex " + hdr.index());
        }
        return new Neighbour(hdr.index(), a.require(NeighbourConstants.NDA_DST, "NDA_DST").inetAddress(),
                a.get(NeighbourConstants.NDA_LLADDR).filter(x -> x.length() > 0).map(MacAddress::decode),
                NeighbourState.fromBits(hdr.state()), hdr.flags());
    }
}
