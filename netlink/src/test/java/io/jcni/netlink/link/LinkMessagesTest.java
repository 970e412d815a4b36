package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import static io.jcni.netlink.wire.IfLinkConstants.IFLA_ADDRESS;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_BR_VLAN_FILTERING;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_IFNAME;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_INFO_DATA;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_INFO_KIND;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_LINK;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_LINKINFO;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_MTU;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_VLAN_ID;
import static io.jcni.netlink.wire.IfLinkConstants.IFLA_VLAN_PROTOCOL;
import static io.jcni.netlink.wire.IfLinkConstants.VETH_INFO_PEER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes of link-creating requests, decoded back with our own decoder. */
class LinkMessagesTest {

    private static Attributes attributesOf(MessageWriter w) {
        byte[] b = w.toBytes();
        Message m = Message.parseAll(b, 0, b.length).getFirst();
        assertEquals(RtnetlinkConstants.RTM_NEWLINK, m.type());
        assertEquals(NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL, m.flags());
        Cursor c = m.body();
        assertEquals(new IfInfoMsg(0, 0, 0, 0, 0), IfInfoMsg.read(c));
        return c.attributes();
    }

    private static Attributes linkInfo(Attributes a, String kind) {
        Attribute li = a.require(IFLA_LINKINFO, "linkinfo");
        assertTrue(li.nestedFlag());
        assertEquals(kind, li.nested().require(IFLA_INFO_KIND, "kind").string());
        return li.nested();
    }

    @Test
    void vlanMessageCarriesParentIdAndProtocol() {
        Attributes a = attributesOf(Vlan.on(7, "eth0.100", 100).withMtu(1496).toMessage());
        assertEquals("eth0.100", a.require(IFLA_IFNAME, "name").string());
        assertEquals(7, a.require(IFLA_LINK, "link").u32());
        assertEquals(1496, a.require(IFLA_MTU, "mtu").u32());
        Attributes data = linkInfo(a, "vlan").require(IFLA_INFO_DATA, "data").nested();
        assertEquals(100, data.require(IFLA_VLAN_ID, "id").u16());
        Attribute proto = data.require(IFLA_VLAN_PROTOCOL, "protocol");
        assertArrayEquals(new byte[]{(byte) 0x81, 0x00}, proto.bytes(), "802.1Q ethertype in network order");
        Attributes qinq = linkInfo(attributesOf(Vlan.on(7, "q", 5).withIeee8021ad(true).toMessage()), "vlan")
                .require(IFLA_INFO_DATA, "data").nested();
        assertEquals(0x88A8, qinq.require(IFLA_VLAN_PROTOCOL, "protocol").be16());
    }

    @Test
    void vethMessageNestsAWholeIfinfomsgForThePeer() {
        MacAddress peerMac = MacAddress.parse("02:aa:bb:cc:dd:ee");
        Attributes a = attributesOf(Veth.named("veth1", "eth0").withMtu(9000).withPeerMac(peerMac).toMessage());
        assertEquals("veth1", a.require(IFLA_IFNAME, "name").string());
        assertEquals(9000, a.require(IFLA_MTU, "mtu").u32());
        assertTrue(a.get(IFLA_ADDRESS).isEmpty());
        Attribute peer = linkInfo(a, "veth").require(IFLA_INFO_DATA, "data").nested().require(VETH_INFO_PEER, "peer");
        Cursor c = peer.cursor();
        assertEquals(new IfInfoMsg(0, 0, 0, 0, 0), IfInfoMsg.read(c));
        Attributes p = c.attributes();
        assertEquals("eth0", p.require(IFLA_IFNAME, "peer name").string());
        assertEquals(9000, p.require(IFLA_MTU, "peer mtu").u32());
        assertEquals(peerMac, MacAddress.of(p.require(IFLA_ADDRESS, "peer mac").bytes()));
        assertTrue(a.get(IfLinkConstants.IFLA_TXQLEN).isEmpty(), "no queue length unless asked");
    }

    @Test
    void vethTxQueueLengthAppliesToBothEnds() {
        Attributes a = attributesOf(Veth.named("veth1", "eth0").withTxQueueLength(0).toMessage());
        assertEquals(0, a.require(IfLinkConstants.IFLA_TXQLEN, "txqlen").u32());
        Cursor c = linkInfo(a, "veth").require(IFLA_INFO_DATA, "data").nested().require(VETH_INFO_PEER, "peer").cursor();
        IfInfoMsg.read(c);
        assertEquals(0, c.attributes().require(IfLinkConstants.IFLA_TXQLEN, "peer txqlen").u32());
    }

    @Test
    void vethPeerNamespaceTravelsAsAnFdInsideThePeerOnly() {
        // Opening a namespace handle only reads /proc; nothing is created or changed.
        try (io.jcni.netlink.ns.NetNamespace here = io.jcni.netlink.ns.NetNamespace.current()) {
            Attributes a = attributesOf(Veth.named("veth2", "eth0").withPeerNamespace(here).toMessage());
            assertFalse(a.get(io.jcni.netlink.wire.IfLinkConstants.IFLA_NET_NS_FD).isPresent(),
                    "the local end stays where the request is sent");
            Cursor c = linkInfo(a, "veth").require(IFLA_INFO_DATA, "data").nested().require(VETH_INFO_PEER, "peer").cursor();
            IfInfoMsg.read(c);
            assertEquals(here.fd(), c.attributes().require(io.jcni.netlink.wire.IfLinkConstants.IFLA_NET_NS_FD, "fd").u32());
        }
    }

    @Test
    void bridgeSendsVlanFilteringOnlyWhenAskedFor() {
        Attributes off = linkInfo(attributesOf(Bridge.named("br0").toMessage()), "bridge");
        assertFalse(off.get(IFLA_INFO_DATA).isPresent());
        Attributes on = linkInfo(attributesOf(Bridge.named("br0").withVlanFiltering(true).toMessage()), "bridge");
        assertEquals(1, on.require(IFLA_INFO_DATA, "data").nested().require(IFLA_BR_VLAN_FILTERING, "vf").u8());
    }

    @Test
    void dummyMessageIsJustKindAndName() {
        Attributes a = attributesOf(Dummy.named("d0").withMac(MacAddress.parse("02:00:00:00:00:09")).toMessage());
        linkInfo(a, "dummy");
        assertEquals(3, a.list().size());
        assertEquals("02:00:00:00:00:09", MacAddress.of(a.require(IFLA_ADDRESS, "mac").bytes()).toString());
    }
}
