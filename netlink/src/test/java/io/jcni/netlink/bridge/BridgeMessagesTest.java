package io.jcni.netlink.bridge;

import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The exact bytes of the VLAN messages (this kernel cannot accept them) and the decoding of a
 * VLAN dump entry, on little-endian hosts (netlink headers are in host order).
 */
class BridgeMessagesTest {
    private static String hex(MessageWriter w) {
        return HexFormat.of().formatHex(w.toBytes());
    }

    @Test
    void addingAnAccessVlanToAPort() {
        // nlmsghdr: len 44, RTM_SETLINK (19), flags 0, seq 0, pid 0
        // ifinfomsg: AF_BRIDGE (7), pad, type 0, index 4, flags 0, change 0
        // IFLA_AF_SPEC (26 | NLA_F_NESTED), len 12: IFLA_BRIDGE_VLAN_INFO (2), len 8: flags PVID|UNTAGGED (6), vid 100
        assertEquals("2c000000" + "1300" + "0000" + "00000000" + "00000000"
                        + "07000000" + "04000000" + "00000000" + "00000000"
                        + "0c00" + "1a80" + "0800" + "0200" + "0600" + "6400",
                hex(BridgeMessages.vlans(true, 4, List.of(BridgeVlan.access(100)), false)));
    }

    @Test
    void thePublicPortRequestIsTheMessageAddAndDeleteSend() {
        List<BridgeVlan> vlans = List.of(BridgeVlan.access(7), BridgeVlan.tagged(8));
        assertEquals(hex(BridgeMessages.vlans(true, 3, vlans, false)), hex(BridgeVlans.portRequest(true, 3, vlans)));
        assertEquals(hex(BridgeMessages.vlans(false, 3, vlans, false)), hex(BridgeVlans.portRequest(false, 3, vlans)));
    }

    @Test
    void removingTrunkVlansFromABridgeItself() {
        // RTM_DELLINK (17); IFLA_AF_SPEC len 28: IFLA_BRIDGE_FLAGS (0, u16 padded to 8) = SELF (2),
        // then vid 10 and vid 20 without flags
        assertEquals("3c000000" + "1100" + "0000" + "00000000" + "00000000"
                        + "07000000" + "09000000" + "00000000" + "00000000"
                        + "1c00" + "1a80" + "0600" + "0000" + "0200" + "0000"
                        + "0800" + "0200" + "0000" + "0a00"
                        + "0800" + "0200" + "0000" + "1400",
                hex(BridgeMessages.vlans(false, 9, List.of(BridgeVlan.tagged(10), BridgeVlan.tagged(20)), true)));
    }

    @Test
    void portFlagsGoInANestedProtinfo() {
        // IFLA_PROTINFO (12 | NLA_F_NESTED) len 20: IFLA_BRPORT_MODE (4) = 1, IFLA_BRPORT_ISOLATED (33) = 0
        assertEquals("34000000" + "1300" + "0000" + "00000000" + "00000000"
                        + "07000000" + "05000000" + "00000000" + "00000000"
                        + "1400" + "0c80" + "0500" + "0400" + "01000000" + "0500" + "2100" + "00000000",
                hex(BridgeMessages.setPortFlags(5, BridgePortFlags.unchanged().withHairpin(true).withIsolated(false))));
    }

    @Test
    void theVlanDumpAsksForVlansOfEveryPort() {
        // RTM_GETLINK (18), AF_BRIDGE, IFLA_EXT_MASK (29) = RTEXT_FILTER_BRVLAN (2)
        assertEquals("28000000" + "1200" + "0000" + "00000000" + "00000000"
                        + "07000000" + "00000000" + "00000000" + "00000000"
                        + "0800" + "1d00" + "02000000",
                hex(BridgeMessages.dumpVlans()));
    }

    private static byte[] info(int flags, int vid) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) flags).putShort((short) vid).array();
    }

    private static Message dumpEntry(byte[]... infos) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_BRIDGE, 1, 4, 0, 0).writeTo(w);
        w.attrString(IfLinkConstants.IFLA_IFNAME, "v0");
        w.nested(IfLinkConstants.IFLA_AF_SPEC, s -> {
            for (byte[] i : infos) {
                s.attr(BridgeConstants.IFLA_BRIDGE_VLAN_INFO, i);
            }
        });
        byte[] b = w.toBytes();
        return Message.parseAll(b, 0, b.length).getFirst();
    }

    @Test
    void decodesVlansOfADumpEntryAndExpandsRanges() {
        Message m = dumpEntry(info(6, 1), info(0, 100), info(8, 200), info(16, 202));
        assertEquals(4, BridgeMessages.index(m));
        assertEquals(List.of(BridgeVlan.access(1), BridgeVlan.tagged(100), BridgeVlan.tagged(200), BridgeVlan.tagged(201),
                BridgeVlan.tagged(202)), BridgeMessages.vlans(m));
    }

    @Test
    void badVlanEntriesAreParseErrors() {
        assertThrows(NetlinkParseException.class, () -> BridgeMessages.vlans(dumpEntry(info(0, 4095))));
        assertThrows(NetlinkParseException.class, () -> BridgeMessages.vlans(dumpEntry(new byte[] {1, 2})));
        assertArrayEquals(new byte[] {6, 0, 100, 0}, info(6, 100), "this test assumes a little-endian host");
    }

    @Test
    void damagedLinkMessagesFailOnlyWithParseExceptions() {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK, 0);
        new IfInfoMsg(RtnetlinkConstants.AF_UNSPEC, 1, 4, 0, 0).writeTo(w);
        w.attrString(IfLinkConstants.IFLA_IFNAME, "v0");
        w.attrU32(IfLinkConstants.IFLA_MASTER, 3);
        w.nested(IfLinkConstants.IFLA_LINKINFO, li -> li.attrString(IfLinkConstants.IFLA_INFO_SLAVE_KIND, "bridge")
                .nested(IfLinkConstants.IFLA_INFO_SLAVE_DATA, d -> d.attrU8(BridgeConstants.IFLA_BRPORT_MODE, 1)));
        w.nested(IfLinkConstants.IFLA_AF_SPEC, s -> s.attr(BridgeConstants.IFLA_BRIDGE_VLAN_INFO, info(6, 10)));
        byte[] valid = w.toBytes();
        Message parsed = Message.parseAll(valid, 0, valid.length).getFirst();
        assertEquals(new BridgePort(4, 3, true, false, false, false, false, false), BridgeMessages.port(parsed).orElseThrow());
        java.util.Random random = new java.util.Random(4094);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = valid.clone();
            for (int f = 1 + random.nextInt(4); f > 0; f--) {
                b[16 + random.nextInt(b.length - 16)] = (byte) random.nextInt(256);
            }
            try {
                Message m = Message.parseAll(b, 0, b.length).getFirst();
                BridgeMessages.port(m);
                BridgeMessages.vlans(m);
            } catch (NetlinkParseException expected) {
                // the only failure allowed
            } catch (RuntimeException e) {
                throw new AssertionError("input " + HexFormat.of().formatHex(b) + " threw " + e, e);
            }
        }
    }

    @Test
    void vlanIdsOutsideTheRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BridgeVlan.tagged(0));
        assertEquals("VLAN id must be 1..4094: 0", e.getMessage());
    }
}
