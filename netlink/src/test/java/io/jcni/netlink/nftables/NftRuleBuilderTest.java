package io.jcni.netlink.nftables;

import io.jcni.netlink.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.jcni.netlink.nftables.ReferenceMasquerade.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder emits what {@code nft --debug=netlink} shows nft 1.0.6 emitting for the same statements. */
class NftRuleBuilderTest {
    private static final int R1 = NftExpression.REG_1;

    private static NftValue hex(String h) {
        return NftValue.of(HexFormat.of().parseHex(h));
    }

    private static NftPayload network(int offset, int length) {
        return new NftPayload(NftPayload.Base.NETWORK, offset, length, R1);
    }

    @Test
    void masqueradeRuleInAnInetTable() {
        NftRule r = new NftRuleBuilder(NftFamily.INET, "t", "c").sourceAddress(ip("192.168.1.1"))
                .destinationNotIn(ip("192.168.1.7"), 24).masquerade().comment("x").build();
        assertEquals(List.of(
                new NftMeta(NftMeta.KEY_NFPROTO, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("02")),
                network(12, 4), new NftCmp(R1, NftCmp.Op.EQ, hex("c0a80101")),
                network(16, 3), new NftCmp(R1, NftCmp.Op.NEQ, hex("c0a801")),
                new NftMasq(0)), r.expressions());
        assertEquals(Optional.of("x"), r.comment());
    }

    @Test
    void ipv6MasqueradeRule() {
        NftRule r = new NftRuleBuilder(NftFamily.INET, "t", "c").sourceAddress(ip("2001:db8::2"))
                .destinationNotIn(ip("2001:db8::"), 64).masquerade().build();
        assertEquals(List.of(
                new NftMeta(NftMeta.KEY_NFPROTO, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("0a")),
                network(8, 16), new NftCmp(R1, NftCmp.Op.EQ, hex("20010db8000000000000000000000002")),
                network(24, 8), new NftCmp(R1, NftCmp.Op.NEQ, hex("20010db800000000")),
                new NftMasq(0)), r.expressions());
    }

    @Test
    void prefixesOffByteBoundariesAreMaskedAndVerdictsAreImmediates() {
        NftRule r = new NftRuleBuilder(NftFamily.INET, "t", "c").destinationIn(ip("224.0.0.0"), 4).returnFromChain().build();
        assertEquals(List.of(
                new NftMeta(NftMeta.KEY_NFPROTO, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("02")),
                network(16, 4), new NftBitwise(R1, R1, 4, hex("f0000000"), hex("00000000")),
                new NftCmp(R1, NftCmp.Op.EQ, hex("e0000000")),
                new NftImmediate(0, NftVerdict.of(NftVerdict.Kind.RETURN))), r.expressions());

        NftRule j = new NftRuleBuilder(NftFamily.INET, "t", "c").destinationIn(ip("10.1.2.0"), 23).counter().jump("x").build();
        assertEquals(List.of(
                new NftMeta(NftMeta.KEY_NFPROTO, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("02")),
                network(16, 4), new NftBitwise(R1, R1, 4, hex("fffffe00"), hex("00000000")),
                new NftCmp(R1, NftCmp.Op.EQ, hex("0a010200")), new NftCounter(0, 0),
                new NftImmediate(0, NftVerdict.jump("x"))), j.expressions());
    }

    @Test
    void ipTablesNeedNoProtocolDependency() {
        NftRule r = new NftRuleBuilder(NftFamily.IP, "t", "c").destinationIn(ip("10.0.0.0"), 8).goTo("d").build();
        assertEquals(List.of(network(16, 1), new NftCmp(R1, NftCmp.Op.EQ, hex("0a")),
                new NftImmediate(0, NftVerdict.goTo("d"))), r.expressions());
    }

    @Test
    void interfaceNamesAreSixteenPaddedBytesAndEtherMatchesNeedIiftypeOutsideBridgeTables() {
        NftRule bridge = new NftRuleBuilder(NftFamily.BRIDGE, "nat", "c").inputInterface("veth1234")
                .etherSource(MacAddress.parse("0a:58:0a:f4:00:02")).returnFromChain().build();
        assertEquals(List.of(
                new NftMeta(NftMeta.KEY_IIFNAME, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("76657468313233340000000000000000")),
                new NftPayload(NftPayload.Base.LINK_LAYER, 6, 6, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("0a580af40002")),
                new NftImmediate(0, NftVerdict.of(NftVerdict.Kind.RETURN))), bridge.expressions());

        NftRule inet = new NftRuleBuilder(NftFamily.INET, "t", "c").outputInterface("eth0")
                .etherSource(MacAddress.parse("0a:58:0a:f4:00:02")).drop().build();
        assertEquals(List.of(
                new NftMeta(NftMeta.KEY_OIFNAME, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("65746830000000000000000000000000")),
                new NftMeta(NftMeta.KEY_IIFTYPE, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("0100")),
                new NftPayload(NftPayload.Base.LINK_LAYER, 6, 6, R1), new NftCmp(R1, NftCmp.Op.EQ, hex("0a580af40002")),
                new NftImmediate(0, NftVerdict.of(NftVerdict.Kind.DROP))), inet.expressions());

        IllegalArgumentException longName = assertThrows(IllegalArgumentException.class,
                () -> new NftRuleBuilder(NftFamily.BRIDGE, "t", "c").inputInterface("x".repeat(16)));
        assertEquals("iifname must be 1..15 bytes without NUL: \"xxxxxxxxxxxxxxxx\"", longName.getMessage());
    }

    @Test
    void badMatchesAreRefusedNamingWhatIsWrong() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new NftRuleBuilder(NftFamily.INET, "t", "c").destinationIn(ip("10.0.0.0"), 0));
        assertEquals("ip daddr prefix length must be 1..32: 0", zero.getMessage());
        IllegalArgumentException wrongTable = assertThrows(IllegalArgumentException.class,
                () -> new NftRuleBuilder(NftFamily.IP, "t", "c").sourceAddress(ip("2001:db8::1")));
        assertEquals("ip6 saddr 2001:db8:0:0:0:0:0:1 cannot match in a ip table", wrongTable.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> new NftRuleBuilder(NftFamily.INET, "t", "c").sourceAddress(ip("10.0.0.1")).destinationAddress(ip("2001:db8::1")));
        assertTrue(mixed.getMessage().startsWith("ip6 daddr cannot follow"), mixed.getMessage());
        IllegalArgumentException longComment = assertThrows(IllegalArgumentException.class,
                () -> new NftRuleBuilder(NftFamily.INET, "t", "c").comment("x".repeat(254)));
        assertTrue(longComment.getMessage().startsWith("rule comment longer than 253 bytes"), longComment.getMessage());
        IllegalArgumentException emptyChain = assertThrows(IllegalArgumentException.class,
                () -> new NftRuleBuilder(NftFamily.INET, "t", ""));
        assertEquals("chain name must not be empty", emptyChain.getMessage());
    }
}
