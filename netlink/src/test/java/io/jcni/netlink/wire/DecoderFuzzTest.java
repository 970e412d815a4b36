package io.jcni.netlink.wire;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the decoder random, truncated and bit-flipped messages: whatever the bytes, it must
 * either decode them or throw {@link NetlinkParseException}, never anything else.
 */
class DecoderFuzzTest {
    private static final long SEED = 0x6a636e69L;

    /** Decodes everything decodable in the bytes, touching every accessor. Returns parse failures seen. */
    private static int decodeEverything(byte[] data, int offset, int length) {
        int parseFailures = 0;
        try {
            for (Message m : Message.parseAll(data, offset, length)) {
                parseFailures += tryAll(m);
            }
        } catch (NetlinkParseException e) {
            parseFailures++;
        }
        return parseFailures;
    }

    private static int tryAll(Message m) {
        int failures = 0;
        List<Runnable> readers = List.of(
                () -> walk(m.body().attributes(), 0),
                () -> { Cursor c = m.body(); IfInfoMsg.read(c); walk(c.attributes(), 0); },
                () -> { Cursor c = m.body(); IfAddrMsg.read(c); walk(c.attributes(), 0); },
                () -> { Cursor c = m.body(); RtMsg.read(c); walk(c.attributes(), 0); },
                () -> { Cursor c = m.body(); NdMsg.read(c); walk(c.attributes(), 0); },
                () -> { Cursor c = m.body(); NfGenMsg.read(c); walk(c.attributes(), 0); },
                () -> io.jcni.netlink.link.Links.parse(m),
                () -> io.jcni.netlink.addr.Addresses.parse(m),
                () -> io.jcni.netlink.route.Routes.parse(m),
                () -> io.jcni.netlink.neigh.Neighbours.parse(m),
                () -> ErrorMessage.ofError(m),
                () -> ErrorMessage.ofDone(m));
        for (Runnable r : readers) {
            try {
                r.run();
            } catch (NetlinkParseException e) {
                failures++;
            }
        }
        return failures;
    }

    private static void walk(Attributes attrs, int depth) {
        for (Attribute a : attrs.list()) {
            List<Runnable> accessors = new ArrayList<>(List.of(a::u8, a::u16, a::u32, a::u64, a::be16, a::be32,
                    a::be64, a::string, a::bytes, a::inetAddress, () -> IfInfoMsg.read(a.cursor())));
            if (depth < 4) {
                accessors.add(() -> walk(a.nested(), depth + 1));
            }
            for (Runnable r : accessors) {
                try {
                    r.run();
                } catch (NetlinkParseException expected) {
                    // the only exception allowed
                }
            }
        }
        attrs.get(3);
        attrs.all(1);
    }

    private static void check(byte[] data, int offset, int length) {
        try {
            decodeEverything(data, offset, length);
        } catch (NetlinkParseException e) {
            // fine
        } catch (RuntimeException | Error e) {
            fail("decoder threw " + e + " on " + java.util.HexFormat.of().formatHex(data, offset, offset + length), e);
        }
    }

    private static byte[] validLinkMessage() {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK, NetlinkConstants.NLM_F_MULTI);
        new IfInfoMsg(0, 1, 3, 0x1043, 0).writeTo(w);
        w.attrString(IfLinkConstants.IFLA_IFNAME, "veth0");
        w.attrU32(IfLinkConstants.IFLA_MTU, 1500);
        w.attr(IfLinkConstants.IFLA_ADDRESS, new byte[]{2, 0, 0, 0, 0, 1});
        w.nested(IfLinkConstants.IFLA_LINKINFO, li -> li.attrString(IfLinkConstants.IFLA_INFO_KIND, "veth")
                .nested(IfLinkConstants.IFLA_INFO_DATA, d -> d.nested(IfLinkConstants.VETH_INFO_PEER, p -> {
                    new IfInfoMsg(0, 0, 0, 0, 0).writeTo(p);
                    p.attrString(IfLinkConstants.IFLA_IFNAME, "eth0");
                })));
        byte[] one = w.toBytes(0, 77);
        byte[] err = new MessageWriter(NetlinkConstants.NLMSG_ERROR, NetlinkConstants.NLM_F_CAPPED | NetlinkConstants.NLM_F_ACK_TLVS)
                .u32(-22).u32(16).u16(16).u16(5).u32(77).u32(0)
                .attrString(NetlinkConstants.NLMSGERR_ATTR_MSG, "bad").toBytes();
        byte[] both = new byte[one.length + err.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(err, 0, both, one.length, err.length);
        return both;
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButParseExceptions() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(128)];
            random.nextBytes(data);
            if (data.length >= 4 && random.nextBoolean()) {
                // Plausible total length, so the decoder gets past the first check more often.
                int len = random.nextInt(data.length + 1);
                data[0] = (byte) len;
                data[1] = 0;
                data[2] = 0;
                data[3] = 0;
            }
            check(data, 0, data.length);
        }
    }

    @Test
    void everyTruncationOfAValidMessageIsHandled() {
        byte[] valid = validLinkMessage();
        assertTrue(decodeEverything(valid, 0, valid.length) >= 0);
        for (int len = 0; len <= valid.length; len++) {
            check(valid, 0, len);
            byte[] copy = java.util.Arrays.copyOf(valid, len);
            check(copy, 0, copy.length);
        }
    }

    @Test
    void bitFlipsAndByteStompsOfAValidMessageAreHandled() {
        Random random = new Random(SEED + 1);
        byte[] valid = validLinkMessage();
        for (int i = 0; i < 20_000; i++) {
            byte[] copy = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(copy.length);
                copy[at] = random.nextBoolean() ? (byte) (copy[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
            }
            check(copy, 0, random.nextInt(copy.length + 1));
        }
    }

    /** Valid requests of every rtnetlink family, retyped as the kernel's RTM_NEW* replies. */
    private static List<byte[]> validDomainMessages() throws Exception {
        java.net.InetAddress v4 = java.net.InetAddress.getByName("10.1.2.3");
        java.net.InetAddress v6 = java.net.InetAddress.getByName("2001:db8::3");
        io.jcni.netlink.MacAddress mac = io.jcni.netlink.MacAddress.parse("02:00:00:00:00:01");
        List<byte[]> out = new ArrayList<>();
        out.add(retype(io.jcni.netlink.link.Veth.named("a", "b").withMtu(1400).withMac(mac).toMessage().toBytes(),
                RtnetlinkConstants.RTM_NEWLINK));
        out.add(retype(io.jcni.netlink.addr.Addresses.addMessage(io.jcni.netlink.addr.Address.of(3, v4, 24)
                .withBroadcast(java.net.InetAddress.getByName("10.1.2.255"))).toBytes(), RtnetlinkConstants.RTM_NEWADDR));
        out.add(retype(io.jcni.netlink.addr.Addresses.addMessage(io.jcni.netlink.addr.Address.of(3, v6, 64)).toBytes(),
                RtnetlinkConstants.RTM_NEWADDR));
        out.add(retype(io.jcni.netlink.route.Routes.addMessage(io.jcni.netlink.route.Route.via(v4, 32, v4).withLink(2)
                .withMtu(1300).withAdvmss(1200).withPriority(9)).toBytes(), RtnetlinkConstants.RTM_NEWROUTE));
        out.add(retype(io.jcni.netlink.route.Routes.addMessage(io.jcni.netlink.route.Route.via(v6, 64, v6)).toBytes(),
                RtnetlinkConstants.RTM_NEWROUTE));
        MessageWriter neigh = new MessageWriter(RtnetlinkConstants.RTM_NEWNEIGH, 0);
        new NdMsg(RtnetlinkConstants.AF_INET, 3, 0x80, 0, 0).writeTo(neigh);
        neigh.attrInet(NeighbourConstants.NDA_DST, v4).attr(NeighbourConstants.NDA_LLADDR, mac.bytes());
        out.add(neigh.toBytes());
        return out;
    }

    private static byte[] retype(byte[] b, int type) {
        b[4] = (byte) type;
        b[5] = 0;
        return b;
    }

    @Test
    void domainDecodersAcceptTheirMessagesAndSurviveMutations() throws Exception {
        List<byte[]> valid = validDomainMessages();
        // Unmutated, each decodes to a value.
        for (byte[] b : valid) {
            Message m = Message.parseAll(b, 0, b.length).getFirst();
            Object decoded = switch (m.type()) {
                case RtnetlinkConstants.RTM_NEWLINK -> io.jcni.netlink.link.Links.parse(m);
                case RtnetlinkConstants.RTM_NEWADDR -> io.jcni.netlink.addr.Addresses.parse(m);
                case RtnetlinkConstants.RTM_NEWROUTE -> io.jcni.netlink.route.Routes.parse(m);
                default -> io.jcni.netlink.neigh.Neighbours.parse(m);
            };
            assertTrue(decoded != null, "decoded " + m);
        }
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 20_000; i++) {
            byte[] copy = valid.get(random.nextInt(valid.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = 16 + random.nextInt(copy.length - 16);   // keep the message type, mutate the body
                copy[at] = random.nextBoolean() ? (byte) (copy[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
            }
            check(copy, 0, random.nextBoolean() ? copy.length : random.nextInt(copy.length + 1));
        }
    }

    @Test
    void badRegionsAreParseExceptionsToo() {
        byte[] valid = validLinkMessage();
        int[][] regions = {{-1, 4}, {0, -1}, {0, valid.length + 1}, {valid.length + 1, 0}, {5, Integer.MAX_VALUE}};
        for (int[] r : regions) {
            try {
                Message.parseAll(valid, r[0], r[1]);
                fail("accepted region " + r[0] + "+" + r[1]);
            } catch (NetlinkParseException expected) {
                // fine
            }
        }
    }
}
