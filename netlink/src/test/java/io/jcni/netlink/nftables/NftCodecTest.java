package io.jcni.netlink.nftables;

import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkParseException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Encoding and decoding of nf_tables messages without the kernel. */
class NftCodecTest {

    private static Message parse(MessageWriter w) {
        byte[] b = w.toBytes();
        return Message.parseAll(b, 0, b.length).getFirst();
    }

    @Test
    void commentsAreLibnftnlUserDataTlvs() {
        assertArrayEquals(HexFormat.of().parseHex("000361620" + "0"), NftUserData.comment("ab"));
        assertEquals(Optional.of("ab"), NftUserData.readComment(HexFormat.of().parseHex("0102ffff" + "00036162" + "00")));
        assertEquals(Optional.empty(), NftUserData.readComment(HexFormat.of().parseHex("0009ab")));
        assertEquals(Optional.empty(), NftUserData.readComment(new byte[0]));
    }

    @Test
    void ruleTableAndChainMessagesDecodeToWhatWasEncoded() {
        List<NftRule> rules = List.of(ReferenceMasquerade.oneV4(), ReferenceMasquerade.twoV6(),
                ReferenceMasquerade.multicastV4Return(), ReferenceMasquerade.gotoChecks(),
                new NftRule(NftFamily.IP, "t", "c", List.of(new NftCounter(3, 4),
                        new NftOtherExpression("ct", NftValue.of(HexFormat.of().parseHex("0800010000000001"))),
                        new NftImmediate(1, NftValue.of((byte) 7)), new NftMasq(4)), Optional.empty(), 0));
        for (NftRule r : rules) {
            assertEquals(r, NftDecoder.rule(parse(NftMessages.addRule(r))));
        }
        assertEquals(ReferenceMasquerade.table(), NftDecoder.table(parse(NftMessages.createTable(ReferenceMasquerade.table()))));
        assertEquals(ReferenceMasquerade.checksChain(), NftDecoder.chain(parse(NftMessages.createChain(ReferenceMasquerade.checksChain()))));
        assertEquals(ReferenceMasquerade.postroutingChain(),
                NftDecoder.chain(parse(NftMessages.createChain(ReferenceMasquerade.postroutingChain()))));
    }

    @Test
    void deleteRuleAlwaysNamesTheChainSoTheKernelCannotFlushTheTable() {
        byte[] b = NftMessages.deleteRule(NftFamily.INET, "t", "c", 7).toBytes();
        String text = new String(b, StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains("t\0") && text.contains("c\0"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 7}, java.util.Arrays.copyOfRange(b, b.length - 8, b.length));
    }

    @Test
    void damagedMessagesFailOnlyWithParseExceptions() {
        byte[] valid = NftMessages.addRule(ReferenceMasquerade.twoV6()).toBytes();
        byte[] chain = NftMessages.createChain(ReferenceMasquerade.postroutingChain()).toBytes();
        Random random = new Random(20261128);
        for (int i = 0; i < 20_000; i++) {
            byte[] src = i % 2 == 0 ? valid : chain;
            byte[] b = src.clone();
            int flips = 1 + random.nextInt(6);
            for (int f = 0; f < flips; f++) {
                int at = 16 + random.nextInt(b.length - 16);
                b[at] = (byte) random.nextInt(256);
            }
            int length = i % 3 == 0 ? 16 + random.nextInt(b.length - 16) : b.length;
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).putInt(0, length);
            try {
                Message m = Message.parseAll(b, 0, length).getFirst();
                NftDecoder.rule(m);
                NftDecoder.chain(m);
                NftDecoder.table(m);
            } catch (NetlinkParseException expected) {
                // the only failure allowed
            } catch (RuntimeException e) {
                fail("input " + HexFormat.of().formatHex(b, 0, length) + " threw " + e, e);
            }
        }
    }
}
