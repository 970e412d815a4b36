package io.jcni.netlink.socket;

import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NfGenMsg;
import io.jcni.netlink.wire.NfnetlinkConstants;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket against the real kernel, inside anonymous namespaces that vanish with the socket. */
class NetlinkSocketTest {
    private static final int NFPROTO_INET = 1;
    private static final int NFT_MSG_NEWTABLE = 0;
    private static final int NFT_MSG_GETTABLE = 1;
    private static final int NFT_MSG_DELTABLE = 2;
    private static final int NFTA_TABLE_NAME = 1;

    private static MessageWriter getLink(String name) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
        new IfInfoMsg(0, 0, 0, 0, 0).writeTo(w);
        if (name != null) {
            w.attrString(IfLinkConstants.IFLA_IFNAME, name);
        }
        return w;
    }

    private static MessageWriter newLink(String name, String kind) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK,
                NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL);
        new IfInfoMsg(0, 0, 0, 0, 0).writeTo(w);
        w.attrString(IfLinkConstants.IFLA_IFNAME, name);
        w.nested(IfLinkConstants.IFLA_LINKINFO, li -> li.attrString(IfLinkConstants.IFLA_INFO_KIND, kind));
        return w;
    }

    private static String name(Message m) {
        Cursor c = m.body();
        IfInfoMsg.read(c);
        return c.attributes().require(IfLinkConstants.IFLA_IFNAME, "ifname").string();
    }

    private static List<String> linkNames(NetlinkSocket s) {
        List<String> names = new ArrayList<>();
        for (Message m : s.dump("list links", "", getLink(null))) {
            names.add(name(m));
        }
        return names;
    }

    @Test
    void aFreshNamespaceDumpsOnlyLoopback() throws Exception {
        try (NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.ROUTE)) {
            assertNotEquals(0, s.portId());
            assertEquals(List.of("lo"), linkNames(s));
        }
    }

    @Test
    void getByNameReturnsTheOneLinkAndUnknownNamesAreENODEV() throws Exception {
        try (NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.ROUTE)) {
            List<Message> replies = s.request("get link", "lo", getLink("lo"));
            assertEquals(1, replies.size());
            assertEquals(RtnetlinkConstants.RTM_NEWLINK, replies.getFirst().type());
            assertEquals("lo", name(replies.getFirst()));
            ErrnoException e = assertThrows(ErrnoException.class, () -> s.request("get link", "nope0", getLink("nope0")));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().startsWith("get link nope0 failed: ENODEV"), e.getMessage());
        }
    }

    @Test
    void refusalsCarryTheKernelsExtendedAckText() throws Exception {
        try (NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.ROUTE)) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> s.execute("add link", "x0", newLink("x0", "no-such-kind")));
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            assertEquals("Unknown device type", e.kernelMessage().orElseThrow());
            assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
        }
    }

    @Test
    void aBatchIsAckedPerMessageAndNamesTheRefusedObject() throws Exception {
        try (NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.ROUTE)) {
            List<BatchMessage> batch = List.of(
                    new BatchMessage("bridge d1", newLink("d1", "bridge")),
                    new BatchMessage("bridge d2", newLink("d2", "bridge")),
                    new BatchMessage("bridge d1 again", newLink("d1", "bridge")),
                    new BatchMessage("bridge d3", newLink("d3", "bridge")));
            ErrnoException e = assertThrows(ErrnoException.class, () -> s.batch("add bridges", batch));
            assertEquals(Errno.EEXIST, e.errno());
            assertEquals("bridge d1 again", e.object());
            // rtnetlink is not transactional: the other three were applied.
            assertEquals(List.of("d1", "d2", "d3", "lo"), linkNames(s).stream().sorted().toList());
            // The socket is in step afterwards: a plain request still gets its own answer.
            assertEquals("d2", name(s.request("get link", "d2", getLink("d2")).getFirst()));
        }
    }

    @Test
    void dumpsSpanningManyDatagramsAreCollectedCompletely() throws Exception {
        try (NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.ROUTE)) {
            List<BatchMessage> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(new BatchMessage("bridge n" + i, newLink("n" + i, "bridge")));
            }
            s.batch("add bridges", batch);
            List<String> names = linkNames(s);
            assertEquals(301, names.size());
            assertTrue(names.contains("n0") && names.contains("n299"));
        }
    }

    private static MessageWriter table(int msg, int flags, String name) {
        MessageWriter w = new MessageWriter(
                NfnetlinkConstants.messageType(NfnetlinkConstants.NFNL_SUBSYS_NFTABLES, msg), flags);
        new NfGenMsg(NFPROTO_INET, NfnetlinkConstants.NFNETLINK_V0, 0).writeTo(w);
        if (name != null) {
            w.attrString(NFTA_TABLE_NAME, name);
        }
        return w;
    }

    private static List<String> tableNames(NetlinkSocket s) {
        List<String> names = new ArrayList<>();
        for (Message m : s.dump("list tables", "", table(NFT_MSG_GETTABLE, 0, null))) {
            Cursor c = m.body();
            NfGenMsg.read(c);
            Attributes a = c.attributes();
            names.add(a.require(NFTA_TABLE_NAME, "table name").string());
        }
        return names;
    }

    @Test
    void nfnetlinkTransactionsApplyAllOrNothing() throws Exception {
        try (NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.NETFILTER)) {
            s.transaction("add table", NfnetlinkConstants.NFNL_SUBSYS_NFTABLES, List.of(
                    new BatchMessage("table inet jt", table(NFT_MSG_NEWTABLE, NetlinkConstants.NLM_F_CREATE, "jt"))));
            assertEquals(List.of("jt"), tableNames(s));

            ErrnoException e = assertThrows(ErrnoException.class, () -> s.transaction("change tables",
                    NfnetlinkConstants.NFNL_SUBSYS_NFTABLES, List.of(
                            new BatchMessage("table inet other", table(NFT_MSG_NEWTABLE, NetlinkConstants.NLM_F_CREATE, "other")),
                            new BatchMessage("table inet missing", table(NFT_MSG_DELTABLE, 0, "missing")))));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("table inet missing", e.object());
            assertEquals(List.of("jt"), tableNames(s), "the failed transaction must leave nothing behind");
        }
    }

    @Test
    void dumpsStayCompleteAndDuplicateFreeWhileLinksChange() throws Exception {
        List<NetlinkSocket> sockets = FreshNetns.openSockets(NetlinkProtocol.ROUTE, 2);
        try (NetlinkSocket reader = sockets.get(0); NetlinkSocket writer = sockets.get(1)) {
            List<BatchMessage> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(new BatchMessage("bridge s" + i, newLink("s" + i, "bridge")));
            }
            writer.batch("add bridges", batch);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread churn = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    writer.execute("add link", "c" + i, newLink("c" + i, "bridge"));
                    MessageWriter del = new MessageWriter(RtnetlinkConstants.RTM_DELLINK, 0);
                    new IfInfoMsg(0, 0, 0, 0, 0).writeTo(del);
                    del.attrString(IfLinkConstants.IFLA_IFNAME, "c" + i);
                    writer.execute("delete link", "c" + i, del);
                }
            });
            try {
                // A dump spans several datagrams; links appearing and vanishing between them mark it
                // NLM_F_DUMP_INTR, and the socket starts over rather than return a torn list.
                for (int round = 0; round < 30; round++) {
                    List<String> names = linkNames(reader);
                    assertEquals(names.size(), new java.util.HashSet<>(names).size(), "duplicates in " + names);
                    for (int i = 0; i < 200; i++) {
                        assertTrue(names.contains("s" + i), "s" + i + " missing from a dump");
                    }
                }
            } finally {
                stop.set(true);
                churn.join();
            }
        }
    }

    @Test
    void multicastListenersReceiveLinkEvents() throws Exception {
        List<NetlinkSocket> sockets = FreshNetns.openSockets(NetlinkProtocol.ROUTE, 2);
        try (NetlinkSocket events = sockets.get(0); NetlinkSocket requests = sockets.get(1)) {
            // Listen on a socket of its own: request() skips (drops) messages that are not its replies.
            events.joinGroup(1); // RTNLGRP_LINK
            events.setReceiveTimeout(java.time.Duration.ofSeconds(10));
            requests.execute("add link", "ev0", newLink("ev0", "bridge"));
            boolean seen = false;
            while (!seen) {
                for (Message m : events.receive()) {
                    seen |= m.type() == RtnetlinkConstants.RTM_NEWLINK && m.seq() == 0 && name(m).equals("ev0");
                }
            }
            assertTrue(seen);
            events.setReceiveTimeout(java.time.Duration.ofMillis(200));
            ErrnoException timeout = assertThrows(ErrnoException.class, events::receive);
            assertEquals(Errno.EAGAIN, timeout.errno());
        }
    }

    @Test
    void aClosedSocketRefusesWork() throws Exception {
        NetlinkSocket s = FreshNetns.openSocket(NetlinkProtocol.ROUTE);
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.dump("list links", "", getLink(null)));
    }
}
