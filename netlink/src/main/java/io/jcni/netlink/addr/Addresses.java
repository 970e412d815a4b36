package io.jcni.netlink.addr;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Scope;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfAddrConstants;
import io.jcni.netlink.wire.IfAddrMsg;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Address operations of one handle. */
public final class Addresses {
    private final NetlinkSocket socket;

    public Addresses(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Adds the address; EEXIST if the link already has it. */
    public void add(Address address) {
        socket.execute("add address", address.toString(), addMessage(address));
    }

    /** Removes the address; EADDRNOTAVAIL if the link does not have it. */
    public void delete(Address address) {
        socket.execute("delete address", address.toString(), deleteMessage(address));
    }

    /** Every address of that family in the namespace. */
    public List<Address> list(IpFamily family) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETADDR, 0);
        new IfAddrMsg(family.number(), 0, 0, 0, 0).writeTo(w);
        List<Address> out = new ArrayList<>();
        for (Message m : socket.dump("list addresses", family.name(), w)) {
            out.add(parse(m));
        }
        return out;
    }

    /** The addresses of that family on one link. */
    public List<Address> list(IpFamily family, int linkIndex) {
        return list(family).stream().filter(a -> a.linkIndex() == linkIndex).toList();
    }

    /** The RTM_NEWADDR request for {@link #add}. */
    public static MessageWriter addMessage(Address a) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWADDR,
                NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
        body(w, a);
        a.broadcast().ifPresent(b -> w.attrInet(IfAddrConstants.IFA_BROADCAST, b));
        // ifa_flags has only 8 bits; IFA_FLAGS carries all of them.
        w.attrU32(IfAddrConstants.IFA_FLAGS, AddressFlag.toBits(a.flags()));
        return w;
    }

    /** The RTM_DELADDR request for {@link #delete}. */
    public static MessageWriter deleteMessage(Address a) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_DELADDR, 0);
        body(w, a);
        return w;
    }

    private static void body(MessageWriter w, Address a) {
        if (a.scope() == Scope.OTHER) {
            throw new IllegalArgumentException("address scope: " + a + " needs a named scope");
        }
        new IfAddrMsg(a.family().number(), a.prefixLength(), AddressFlag.toBits(a.flags()) & 0xff,
                a.scope().number(), a.linkIndex()).writeTo(w);
        // Without a peer, local and address are the same (IFA_LOCAL is what IPv4 keys on).
        w.attrInet(IfAddrConstants.IFA_LOCAL, a.address());
        w.attrInet(IfAddrConstants.IFA_ADDRESS, a.address());
    }

    /** Decodes an RTM_NEWADDR message. */
    public static Address parse(Message m) {
        // Deletion notices (events) carry the same body as RTM_NEWADDR.
        if (m.type() != RtnetlinkConstants.RTM_NEWADDR && m.type() != RtnetlinkConstants.RTM_DELADDR) {
            throw new NetlinkParseException("expected RTM_NEWADDR, got message type " + m.type());
        }
        Cursor c = m.body();
        IfAddrMsg hdr = IfAddrMsg.read(c);
        Attributes a = c.attributes();
        // IFA_LOCAL is the address on point-to-point links; otherwise both are equal.
        Attribute addr = a.get(IfAddrConstants.IFA_LOCAL).or(() -> a.get(IfAddrConstants.IFA_ADDRESS))
                .orElseThrow(() -> new NetlinkParseException("address message without IFA_ADDRESS"));
        InetAddress address = addr.inetAddress();
        int flags = a.get(IfAddrConstants.IFA_FLAGS).map(Attribute::u32).orElse(hdr.flags());
        if (hdr.index() <= 0 || hdr.prefixLength() > IpFamily.of(address).maxPrefixLength()) {
            throw new NetlinkParseException("address message with ifindex " + hdr.index()
                    + " and prefix length " + hdr.prefixLength());
        }
        Optional<InetAddress> broadcast = a.get(IfAddrConstants.IFA_BROADCAST).map(Attribute::inetAddress)
                .filter(b -> IpFamily.of(b) == IpFamily.IPV4);
        return new Address(hdr.index(), address, hdr.prefixLength(), broadcast, AddressFlag.fromBits(flags),
                Scope.of(hdr.scope()),
                a.get(IfAddrConstants.IFA_LABEL).map(Attribute::string));
    }
}
