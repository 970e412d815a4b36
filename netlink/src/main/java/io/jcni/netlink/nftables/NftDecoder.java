package io.jcni.netlink.nftables;

import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.Cursor;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.NetlinkParseException;
import io.jcni.netlink.wire.NfGenMsg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.jcni.netlink.nftables.NftConstants.*;

/** Turns NEWTABLE/NEWCHAIN/NEWRULE replies into values; throws only {@link NetlinkParseException}. */
final class NftDecoder {
    private NftDecoder() {
    }

    static NftTable table(Message m) {
        Cursor c = m.body();
        NftFamily family = family(NfGenMsg.read(c));
        Attributes a = c.attributes();
        return valid(() -> new NftTable(family, a.require(NFTA_TABLE_NAME, "table name").string(),
                comment(a, NFTA_TABLE_USERDATA), handle(a, NFTA_TABLE_HANDLE)));
    }

    static NftChain chain(Message m) {
        Cursor c = m.body();
        NftFamily family = family(NfGenMsg.read(c));
        Attributes a = c.attributes();
        Optional<NftChainHook> hook = Optional.empty();
        Optional<Attribute> hookAttr = a.get(NFTA_CHAIN_HOOK);
        if (hookAttr.isPresent()) {
            Attributes h = hookAttr.get().nested();
            int number = h.require(NFTA_HOOK_HOOKNUM, "chain hook number").be32();
            int priority = h.require(NFTA_HOOK_PRIORITY, "chain priority").be32();
            String type = a.require(NFTA_CHAIN_TYPE, "chain type").string();
            hook = Optional.of(valid(() -> new NftChainHook(NftChainType.of(type), NftMessages.hook(family, number), priority)));
        }
        Optional<NftChainHook> finalHook = hook;
        return valid(() -> new NftChain(family, a.require(NFTA_CHAIN_TABLE, "chain table").string(),
                a.require(NFTA_CHAIN_NAME, "chain name").string(), finalHook, comment(a, NFTA_CHAIN_USERDATA),
                handle(a, NFTA_CHAIN_HANDLE)));
    }

    static NftRule rule(Message m) {
        Cursor c = m.body();
        NftFamily family = family(NfGenMsg.read(c));
        Attributes a = c.attributes();
        List<NftExpression> expressions = new ArrayList<>();
        Optional<Attribute> list = a.get(NFTA_RULE_EXPRESSIONS);
        if (list.isPresent()) {
            for (Attribute e : list.get().nested().all(NFTA_LIST_ELEM)) {
                expressions.add(NftExpressionCodec.read(e));
            }
        }
        return valid(() -> new NftRule(family, a.require(NFTA_RULE_TABLE, "rule table").string(),
                a.require(NFTA_RULE_CHAIN, "rule chain").string(), expressions, comment(a, NFTA_RULE_USERDATA),
                handle(a, NFTA_RULE_HANDLE)));
    }

    private static NftFamily family(NfGenMsg header) {
        return valid(() -> NftFamily.of(header.family()));
    }

    private static long handle(Attributes a, int type) {
        return a.get(type).map(Attribute::be64).orElse(0L);
    }

    private static Optional<String> comment(Attributes a, int type) {
        return a.get(type).flatMap(u -> NftUserData.readComment(u.bytes()));
    }

    /** Our value types reject what they cannot represent; from the kernel that is a parse failure. */
    private static <T> T valid(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new NetlinkParseException("nf_tables object: " + e.getMessage());
        }
    }
}
