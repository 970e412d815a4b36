package io.jcni.netlink.addr;

import io.jcni.netlink.Scope;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfAddrConstants;
import io.jcni.netlink.wire.IfAddrMsg;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The bytes of address requests, decoded back with our own decoder. */
class AddressMessagesTest {

    @Test
    void addCarriesLocalAddressBroadcastAndFullFlags() throws Exception {
        Address a = Address.of(5, InetAddress.getByName("10.1.2.3"), 16).withBroadcast(InetAddress.getByName("10.1.255.255"))
                .withFlags(Set.of(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE)).withScope(Scope.LINK);
        byte[] b = Addresses.addMessage(a).toBytes();
        Message m = Message.parseAll(b, 0, b.length).getFirst();
        assertEquals(RtnetlinkConstants.RTM_NEWADDR, m.type());
        Cursor c = m.body();
        // ifa_flags holds the low 8 bits only; IFA_FLAGS has all of them.
        assertEquals(new IfAddrMsg(RtnetlinkConstants.AF_INET, 16, 0x02, RtnetlinkConstants.RT_SCOPE_LINK, 5), IfAddrMsg.read(c));
        Attributes attrs = c.attributes();
        assertArrayEquals(new byte[]{10, 1, 2, 3}, attrs.require(IfAddrConstants.IFA_LOCAL, "local").bytes());
        assertArrayEquals(new byte[]{10, 1, 2, 3}, attrs.require(IfAddrConstants.IFA_ADDRESS, "address").bytes());
        assertArrayEquals(new byte[]{10, 1, (byte) 255, (byte) 255}, attrs.require(IfAddrConstants.IFA_BROADCAST, "brd").bytes());
        assertEquals(0x202, attrs.require(IfAddrConstants.IFA_FLAGS, "flags").u32());
    }

    @Test
    void deleteNamesOnlyTheAddress() throws Exception {
        Address a = Address.of(5, InetAddress.getByName("2001:db8::7"), 64).withFlags(Set.of(AddressFlag.NODAD));
        byte[] b = Addresses.deleteMessage(a).toBytes();
        Message m = Message.parseAll(b, 0, b.length).getFirst();
        assertEquals(RtnetlinkConstants.RTM_DELADDR, m.type());
        Cursor c = m.body();
        assertEquals(RtnetlinkConstants.AF_INET6, IfAddrMsg.read(c).family());
        Attributes attrs = c.attributes();
        assertEquals(16, attrs.require(IfAddrConstants.IFA_LOCAL, "local").length());
        assertFalse(attrs.get(IfAddrConstants.IFA_FLAGS).isPresent());
    }
}
