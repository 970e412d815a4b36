package io.jcni.netlink.conntrack;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.NfGenMsg;
import io.jcni.netlink.wire.NfnetlinkConstants;

import java.net.InetAddress;
import java.util.Optional;

import static io.jcni.netlink.conntrack.ConntrackConstants.*;

/** ctnetlink requests and the decoding of its entries. */
final class ConntrackMessages {
    private ConntrackMessages() {
    }

    /** GET dump of one address family's table (the kernel filters on nfgenmsg.family). */
    static MessageWriter dump(IpFamily family) {
        return message(IPCTNL_MSG_CT_GET, family);
    }

    /** DELETE of the entry whose original tuple (and zone) is this. */
    static MessageWriter delete(ConntrackEntry e) {
        MessageWriter w = message(IPCTNL_MSG_CT_DELETE, e.original().family());
        tuple(w, CTA_TUPLE_ORIG, e.original());
        if (e.zone() != 0) {
            w.attrBe16(CTA_ZONE, e.zone());
        }
        return w;
    }

    private static MessageWriter message(int msg, IpFamily family) {
        MessageWriter w = new MessageWriter(NfnetlinkConstants.messageType(NFNL_SUBSYS_CTNETLINK, msg), 0);
        new NfGenMsg(family.number(), NfnetlinkConstants.NFNETLINK_V0, 0).writeTo(w);
        return w;
    }

    private static void tuple(MessageWriter w, int type, ConntrackTuple t) {
        boolean v4 = t.family() == IpFamily.IPV4;
        w.nested(type, tw -> {
            tw.nested(CTA_TUPLE_IP, ip -> ip.attrInet(v4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, t.source())
                    .attrInet(v4 ? CTA_IP_V4_DST : CTA_IP_V6_DST, t.destination()));
            tw.nested(CTA_TUPLE_PROTO, p -> {
                p.attrU8(CTA_PROTO_NUM, t.protocol());
                if (t.sourcePort() != 0 || t.destinationPort() != 0) {
                    p.attrBe16(CTA_PROTO_SRC_PORT, t.sourcePort()).attrBe16(CTA_PROTO_DST_PORT, t.destinationPort());
                }
            });
        });
    }

    /** An entry of a dump; empty for an entry without the tuples we read (never seen in practice). */
    static Optional<ConntrackEntry> entry(Message m) {
        Cursor c = m.body();
        NfGenMsg.read(c);
        Attributes a = c.attributes();
        Optional<ConntrackTuple> orig = a.get(CTA_TUPLE_ORIG).flatMap(ConntrackMessages::tuple);
        Optional<ConntrackTuple> reply = a.get(CTA_TUPLE_REPLY).flatMap(ConntrackMessages::tuple);
        if (orig.isEmpty() || reply.isEmpty()) {
            return Optional.empty();
        }
        int zone = a.get(CTA_ZONE).map(Attribute::be16).orElse(0);
        return Optional.of(new ConntrackEntry(orig.get(), reply.get(), zone));
    }

    private static Optional<ConntrackTuple> tuple(Attribute t) {
        Attributes a = t.nested();
        Optional<Attribute> ip = a.get(CTA_TUPLE_IP);
        Optional<Attribute> proto = a.get(CTA_TUPLE_PROTO);
        if (ip.isEmpty() || proto.isEmpty()) {
            return Optional.empty();
        }
        Attributes ipa = ip.get().nested();
        Optional<InetAddress> src = ipa.get(CTA_IP_V4_SRC).or(() -> ipa.get(CTA_IP_V6_SRC)).map(Attribute::inetAddress);
        Optional<InetAddress> dst = ipa.get(CTA_IP_V4_DST).or(() -> ipa.get(CTA_IP_V6_DST)).map(Attribute::inetAddress);
        if (src.isEmpty() || dst.isEmpty()) {
            return Optional.empty();
        }
        Attributes p = proto.get().nested();
        int num = p.require(CTA_PROTO_NUM, "conntrack protocol number").u8();
        int sport = p.get(CTA_PROTO_SRC_PORT).map(Attribute::be16).orElse(0);
        int dport = p.get(CTA_PROTO_DST_PORT).map(Attribute::be16).orElse(0);
        try {
            return Optional.of(new ConntrackTuple(src.get(), dst.get(), num, sport, dport));
        } catch (IllegalArgumentException e) {
            throw new NetlinkParseException("conntrack tuple: " + e.getMessage());
        }
    }
}
