package io.jcni.netlink.event;

import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which messages become events, without the kernel. */
class EventDecodeTest {
    private static Message linkMessage(int type, int family) {
        MessageWriter w = new MessageWriter(type, 0);
        new IfInfoMsg(family, 1, 7, 0, 0).writeTo(w);
        w.attrString(IfLinkConstants.IFLA_IFNAME, "ev0");
        byte[] b = w.toBytes();
        return Message.parseAll(b, 0, b.length).getFirst();
    }

    @Test
    void linkDeletionsBecomeDeletedEvents() {
        NetlinkEvent e = EventSubscription.decode(linkMessage(RtnetlinkConstants.RTM_DELLINK, RtnetlinkConstants.AF_UNSPEC)).orElseThrow();
        assertTrue(e instanceof LinkEvent l && l.change() == NetlinkEvent.Change.DELETED && l.link().name().equals("ev0")
                && l.link().index() == 7, e.toString());
    }

    @Test
    void bridgePortCopiesAndOtherMessagesAreNoEvents() {
        assertEquals(Optional.empty(), EventSubscription.decode(linkMessage(RtnetlinkConstants.RTM_NEWLINK, RtnetlinkConstants.AF_BRIDGE)));
        assertEquals(Optional.empty(), EventSubscription.decode(linkMessage(RtnetlinkConstants.RTM_NEWROUTE, RtnetlinkConstants.AF_UNSPEC)));
    }
}
