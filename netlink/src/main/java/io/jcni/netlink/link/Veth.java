package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A veth pair to create: {@code name} in the namespace of the handle, {@code peerName} in the
 * same namespace or, with {@link #withPeerNamespace}, created directly in another one (by fd,
 * so the peer never appears where its name might clash). The MTU and the transmit queue length
 * apply to both ends.
 */
public record Veth(String name, String peerName, OptionalInt mtu, Optional<MacAddress> mac,
                   Optional<MacAddress> peerMac, Optional<NetNamespace> peerNamespace,
                   OptionalInt txQueueLength) implements LinkSpec {
    public Veth {
        LinkNames.check("veth name", name);
        LinkNames.check("veth peer name", peerName);
        NewLinkMessage.checkMtu(mtu);
        if (txQueueLength.isPresent() && txQueueLength.getAsInt() < 0) {
            throw new IllegalArgumentException("veth txqueuelen: " + txQueueLength.getAsInt() + " is negative");
        }
    }

    public static Veth named(String name, String peerName) {
        return new Veth(name, peerName, OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty());
    }

    public Veth withMtu(int mtu) {
        return new Veth(name, peerName, OptionalInt.of(mtu), mac, peerMac, peerNamespace, txQueueLength);
    }

    public Veth withMac(MacAddress mac) {
        return new Veth(name, peerName, mtu, Optional.of(mac), peerMac, peerNamespace, txQueueLength);
    }

    public Veth withPeerMac(MacAddress peerMac) {
        return new Veth(name, peerName, mtu, mac, Optional.of(peerMac), peerNamespace, txQueueLength);
    }

    /** Creates the peer inside {@code ns}, which must stay open until the link is added. */
    public Veth withPeerNamespace(NetNamespace ns) {
        return new Veth(name, peerName, mtu, mac, peerMac, Optional.of(ns), txQueueLength);
    }

    /** The transmit queue length of both ends (the kernel's default is 1000). */
    public Veth withTxQueueLength(int length) {
        return new Veth(name, peerName, mtu, mac, peerMac, peerNamespace, OptionalInt.of(length));
    }

    @Override
    public String describe() {
        return "veth " + name + " (peer " + peerName + peerNamespace.map(n -> " in " + n.path()).orElse("") + ")";
    }

    @Override
    public MessageWriter toMessage() {
        // Checked here, not in the constructor: the peer namespace may be set after the names.
        if (peerNamespace.isEmpty() && name.equals(peerName)) {
            throw new IllegalArgumentException("veth peer name: '" + peerName + "' equals the veth name in the same namespace");
        }
        return NewLinkMessage.create(name, mtu, mac, "veth", this::writeTxQueueLength,
                data -> data.nested(IfLinkConstants.VETH_INFO_PEER, peer -> {
                    // VETH_INFO_PEER holds a whole ifinfomsg followed by the peer's attributes.
                    new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 0, 0, 0, 0).writeTo(peer);
                    NewLinkMessage.common(peer, peerName, mtu, peerMac);
                    writeTxQueueLength(peer);
                    peerNamespace.ifPresent(ns -> peer.attrU32(IfLinkConstants.IFLA_NET_NS_FD, ns.fd()));
                }));
    }

    private void writeTxQueueLength(MessageWriter w) {
        txQueueLength.ifPresent(q -> w.attrU32(IfLinkConstants.IFLA_TXQLEN, q));
    }
}
