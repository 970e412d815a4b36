package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import static io.jcni.netlink.wire.IfLinkConstants.IFLA_IFNAME;

/**
 * Link operations of one handle. Links are named by interface name; lookups by name ask the
 * kernel for that one link (RTM_GETLINK with IFLA_IFNAME) and never dump the table.
 */
public final class Links {
    /** RTEXT_FILTER_SKIP_STATS: replies without the counters nobody here reads. */
    private static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    private final NetlinkSocket socket;

    public Links(NetlinkSocket socket) {
        this.socket = socket;
    }

    private static MessageWriter getRequest(int index, String name) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, index, 0, 0).writeTo(w);
        if (name != null) {
            w.attrString(IFLA_IFNAME, name);
        }
        w.attrU32(IfLinkConstants.IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        return w;
    }

    private Optional<Link> findOne(MessageWriter request, String object) {
        try {
            List<Message> replies = socket.request("get link", object, request);
            return replies.isEmpty() ? Optional.empty() : Optional.of(parse(replies.getFirst()));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The link of that name, or empty if there is none. */
    public Optional<Link> find(String name) {
        LinkNames.check("link name", name);
        return findOne(getRequest(0, name), name);
    }

    /** The link of that index, or empty if there is none. */
    public Optional<Link> find(int index) {
        return findOne(getRequest(index, null), "ifindex " + index);
    }

    /** The link of that name; ENODEV if there is none. */
    public Link get(String name) {
        return find(name).orElseThrow(() -> new ErrnoException(Errno.ENODEV, "get link", name));
    }

    /** The link of that index; ENODEV if there is none. */
    public Link get(int index) {
        return find(index).orElseThrow(() -> new ErrnoException(Errno.ENODEV, "get link", "ifindex " + index));
    }

    /** Every link of the namespace. */
    public List<Link> list() {
        List<Link> out = new ArrayList<>();
        for (Message m : socket.dump("list links", "", getRequest(0, null))) {
            out.add(parse(m));
        }
        return out;
    }

    /** Creates the link and returns it as the kernel reports it (for a veth: the local end). */
    public Link add(LinkSpec spec) {
        socket.execute("add", spec.describe(), spec.toMessage());
        return get(spec.name());
    }

    public void delete(String name) {
        LinkNames.check("link name", name);
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_DELLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
        w.attrString(IFLA_IFNAME, name);
        socket.execute("delete link", name, w);
    }

    /** Deletes the link with that ifindex (and a veth's peer with it). */
    public void delete(int index) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_DELLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, index, 0, 0).writeTo(w);
        socket.execute("delete link", "ifindex " + index, w);
    }

    /** An RTM_SETLINK for the named link: flags under {@code change}, then attributes. */
    private void set(String operation, String name, int flags, int change, Consumer<MessageWriter> attrs) {
        LinkNames.check("link name", name);
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_SETLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, 0, flags, change).writeTo(w);
        w.attrString(IFLA_IFNAME, name);
        if (attrs != null) {
            attrs.accept(w);
        }
        socket.execute(operation, "link " + name, w);
    }

    public void setUp(String name) {
        set("set up", name, IfLinkConstants.IFF_UP, IfLinkConstants.IFF_UP, null);
    }

    public void setDown(String name) {
        set("set down", name, 0, IfLinkConstants.IFF_UP, null);
    }

    public void setMtu(String name, int mtu) {
        set("set mtu " + mtu, name, 0, 0, w -> w.attrU32(IfLinkConstants.IFLA_MTU, mtu));
    }

    public void setMac(String name, MacAddress mac) {
        set("set address " + mac, name, 0, 0, w -> w.attr(IfLinkConstants.IFLA_ADDRESS, mac.bytes()));
    }

    /** Enslaves the link to {@code master} (a bridge); ENODEV if the master does not exist. */
    public void setMaster(String name, String master) {
        int masterIndex = find(master).orElseThrow(
                () -> new ErrnoException(Errno.ENODEV, "set master " + master, "link " + name, "no such master")).index();
        setMaster(name, masterIndex);
    }

    public void setMaster(String name, int masterIndex) {
        set("set master ifindex " + masterIndex, name, 0, 0, w -> w.attrU32(IfLinkConstants.IFLA_MASTER, masterIndex));
    }

    /** Releases the link from its master. */
    public void setNoMaster(String name) {
        set("set nomaster", name, 0, 0, w -> w.attrU32(IfLinkConstants.IFLA_MASTER, 0));
    }

    /** Moves the link into another namespace; it disappears from this one. */
    public void moveToNamespace(String name, NetNamespace target) {
        set("move to " + target.path(), name, 0, 0, w -> w.attrU32(IfLinkConstants.IFLA_NET_NS_FD, target.fd()));
    }

    public void setPromiscuous(String name, boolean on) {
        set(on ? "set promisc on" : "set promisc off", name, on ? IfLinkConstants.IFF_PROMISC : 0,
                IfLinkConstants.IFF_PROMISC, null);
    }

    public void setAllMulticast(String name, boolean on) {
        set(on ? "set allmulticast on" : "set allmulticast off", name, on ? IfLinkConstants.IFF_ALLMULTI : 0,
                IfLinkConstants.IFF_ALLMULTI, null);
    }

    /** Sets the transmit queue length (txqueuelen). */
    public void setTxQueueLength(String name, int length) {
        set("set txqueuelen " + length, name, 0, 0, w -> w.attrU32(IfLinkConstants.IFLA_TXQLEN, length));
    }

    /** Sets the alias (ifalias); an empty string removes it. */
    public void setAlias(String name, String alias) {
        set("set alias", name, 0, 0, w -> w.attrString(IfLinkConstants.IFLA_IFALIAS, alias));
    }

    /** Decodes an RTM_NEWLINK message. */
    public static Link parse(Message m) {
        // Deletion notices (events) carry the same body as RTM_NEWLINK.
        if (m.type() != RtnetlinkConstants.RTM_NEWLINK && m.type() != RtnetlinkConstants.RTM_DELLINK) {
            throw new NetlinkParseException("expected RTM_NEWLINK, got message type " + m.type());
        }
        Cursor c = m.body();
        IfInfoMsg info = IfInfoMsg.read(c);
        Attributes a = c.attributes();
        String name = a.require(IFLA_IFNAME, "IFLA_IFNAME").string();
        Optional<Attributes> linkInfo = a.get(IfLinkConstants.IFLA_LINKINFO).map(Attribute::nested);
        Optional<String> kind = linkInfo.flatMap(li -> li.get(IfLinkConstants.IFLA_INFO_KIND)).map(Attribute::string);
        Optional<Boolean> vlanFiltering = Optional.empty();
        if (kind.equals(Optional.of("bridge"))) {
            vlanFiltering = linkInfo.flatMap(li -> li.get(IfLinkConstants.IFLA_INFO_DATA))
                    .flatMap(d -> d.nested().get(IfLinkConstants.IFLA_BR_VLAN_FILTERING))
                    .map(v -> v.u8() != 0);
        }
        return new Link(info.index(), name, kind,
                a.get(IfLinkConstants.IFLA_MTU).map(Attribute::u32).orElse(0),
                a.get(IfLinkConstants.IFLA_ADDRESS).filter(x -> x.length() > 0).map(MacAddress::decode),
                positive(a.get(IfLinkConstants.IFLA_MASTER)),
                OperState.of(a.get(IfLinkConstants.IFLA_OPERSTATE).map(Attribute::u8).orElse(0)),
                info.flags(),
                a.get(IfLinkConstants.IFLA_PROMISCUITY).map(Attribute::u32).orElse(0),
                a.get(IfLinkConstants.IFLA_IFALIAS).map(Attribute::string).filter(s -> !s.isEmpty()),
                positive(a.get(IfLinkConstants.IFLA_LINK)),
                vlanFiltering,
                a.get(IfLinkConstants.IFLA_TXQLEN).map(Attribute::u32).orElse(0));
    }

    private static OptionalInt positive(Optional<Attribute> attr) {
        if (attr.isEmpty()) {
            return OptionalInt.empty();
        }
        int v = attr.get().u32();
        return v > 0 ? OptionalInt.of(v) : OptionalInt.empty();
    }
}
