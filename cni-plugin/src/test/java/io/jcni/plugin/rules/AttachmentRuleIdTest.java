package io.jcni.plugin.rules;

import io.jcni.plugin.rules.GoQuote;
import io.jcni.plugin.rules.Sha512sum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttachmentRuleIdTest {
    private final AttachmentRuleId id = new AttachmentRuleId("mynet", "ctr-1234", "eth0");

    @Test
    void iptablesChainIsCniPlusFirst24HexOfSha512OfNetworkAndId() {
        assertEquals("CNI-" + Sha512sum.of("mynetctr-1234").substring(0, 24), id.iptablesChain());
        assertEquals(28, id.iptablesChain().length());
    }

    @Test
    void iptablesCommentIsGoQuotedNameAndId() {
        assertEquals("name: \"mynet\" id: \"ctr-1234\"", id.iptablesComment());
        assertEquals("name: \"a\\\"b\" id: \"x\"", new AttachmentRuleId("a\"b", "x", "eth0").iptablesComment());
    }

    @Test
    void nftHashesAre16HexOfNetworkAndOfIfnameColonId() {
        String net = Sha512sum.of("mynet").substring(0, 16);
        String inst = Sha512sum.of("eth0:ctr-1234").substring(0, 16);
        assertEquals(net, AttachmentRuleId.nftNetworkHash("mynet"));
        assertEquals(net + "-" + inst, id.nftInstanceHash());
        assertEquals(net + "-" + inst + ", net: mynet, if: eth0, id: ctr-1234", id.nftComment());
    }

    @Test
    void nftCommentIsCutAt128AndLosesQuotes() {
        String longId = "c".repeat(200);
        AttachmentRuleId big = new AttachmentRuleId("n\"et", longId, "eth0");
        assertEquals(128, big.nftComment().length());
        assertTrue(big.nftComment().startsWith(big.nftInstanceHash() + ", net: net, if: eth0, id: ccc"));
    }

    @Test
    void goQuoteEscapesLikeGo() {
        assertEquals("\"plain-1.2_x\"", GoQuote.quote("plain-1.2_x"));
        assertEquals("\"a\\\\b\\n\\x01\"", GoQuote.quote("a\\b\n\u0001"));
    }
}
