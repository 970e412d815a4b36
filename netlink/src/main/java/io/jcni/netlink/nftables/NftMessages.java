package io.jcni.netlink.nftables;

import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NfGenMsg;
import io.jcni.netlink.wire.NfnetlinkConstants;

import static io.jcni.netlink.nftables.NftConstants.*;

/** Builds the nf_tables request messages: one method per message, attributes in nft's order. */
final class NftMessages {
    private NftMessages() {
    }

    private static MessageWriter message(int nftMessage, int flags, NftFamily family) {
        MessageWriter w = new MessageWriter(
                NfnetlinkConstants.messageType(NfnetlinkConstants.NFNL_SUBSYS_NFTABLES, nftMessage), flags);
        new NfGenMsg(family == null ? 0 : family.number(), NfnetlinkConstants.NFNETLINK_V0, 0).writeTo(w);
        return w;
    }

    /** NEWTABLE with NLM_F_CREATE and no NLM_F_EXCL: creates it, or leaves an existing one as it is. */
    static MessageWriter createTable(NftTable t) {
        MessageWriter w = message(NFT_MSG_NEWTABLE, NetlinkConstants.NLM_F_CREATE, t.family());
        w.attrString(NFTA_TABLE_NAME, t.name());
        w.attrBe32(NFTA_TABLE_FLAGS, 0);
        t.comment().ifPresent(c -> w.attr(NFTA_TABLE_USERDATA, NftUserData.comment(c)));
        return w;
    }

    static MessageWriter deleteTable(NftFamily family, String table) {
        return message(NFT_MSG_DELTABLE, 0, family).attrString(NFTA_TABLE_NAME, table);
    }

    /** NEWCHAIN with NLM_F_CREATE and no NLM_F_EXCL: creates it, or leaves an existing one as it is. */
    static MessageWriter createChain(NftChain c) {
        MessageWriter w = message(NFT_MSG_NEWCHAIN, NetlinkConstants.NLM_F_CREATE, c.family());
        w.attrString(NFTA_CHAIN_TABLE, c.table());
        w.attrString(NFTA_CHAIN_NAME, c.name());
        c.hook().ifPresent(h -> {
            w.nested(NFTA_CHAIN_HOOK, hook -> hook
                    .attrBe32(NFTA_HOOK_HOOKNUM, hookNumber(c.family(), h.hook()))
                    .attrBe32(NFTA_HOOK_PRIORITY, h.priority()));
            w.attrString(NFTA_CHAIN_TYPE, h.type().nftName());
        });
        c.comment().ifPresent(comment -> w.attr(NFTA_CHAIN_USERDATA, NftUserData.comment(comment)));
        return w;
    }

    static MessageWriter deleteChain(NftFamily family, String table, String chain) {
        return message(NFT_MSG_DELCHAIN, 0, family).attrString(NFTA_CHAIN_TABLE, table).attrString(NFTA_CHAIN_NAME, chain);
    }

    /** NEWRULE with NLM_F_CREATE | NLM_F_APPEND: added at the end of its chain, as {@code nft add rule}. */
    static MessageWriter addRule(NftRule r) {
        MessageWriter w = message(NFT_MSG_NEWRULE, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_APPEND, r.family());
        w.attrString(NFTA_RULE_TABLE, r.table());
        w.attrString(NFTA_RULE_CHAIN, r.chain());
        w.nested(NFTA_RULE_EXPRESSIONS, list -> {
            for (NftExpression e : r.expressions()) {
                NftExpressionCodec.write(list, e);
            }
        });
        r.comment().ifPresent(c -> w.attr(NFTA_RULE_USERDATA, NftUserData.comment(c)));
        return w;
    }

    /** DELRULE of one rule. The chain is required: without it the kernel would flush the whole table. */
    static MessageWriter deleteRule(NftFamily family, String table, String chain, long handle) {
        return message(NFT_MSG_DELRULE, 0, family).attrString(NFTA_RULE_TABLE, table)
                .attrString(NFTA_RULE_CHAIN, chain).attrBe64(NFTA_RULE_HANDLE, handle);
    }

    /** DELRULE with table and chain but no handle: removes every rule of the chain. */
    static MessageWriter flushChain(NftFamily family, String table, String chain) {
        return message(NFT_MSG_DELRULE, 0, family).attrString(NFTA_RULE_TABLE, table).attrString(NFTA_RULE_CHAIN, chain);
    }

    /** GETTABLE dump of one family, or of all with {@code family} null. */
    static MessageWriter dumpTables(NftFamily family) {
        return message(NFT_MSG_GETTABLE, 0, family);
    }

    static MessageWriter getTable(NftFamily family, String table) {
        return message(NFT_MSG_GETTABLE, 0, family).attrString(NFTA_TABLE_NAME, table);
    }

    /** GETCHAIN dump; the table attribute asks the kernel to filter, and we filter again on receipt. */
    static MessageWriter dumpChains(NftFamily family, String table) {
        return message(NFT_MSG_GETCHAIN, 0, family).attrString(NFTA_CHAIN_TABLE, table);
    }

    static MessageWriter getChain(NftFamily family, String table, String chain) {
        return message(NFT_MSG_GETCHAIN, 0, family).attrString(NFTA_CHAIN_TABLE, table).attrString(NFTA_CHAIN_NAME, chain);
    }

    /** GETRULE dump filtered by table and chain. */
    static MessageWriter dumpRules(NftFamily family, String table, String chain) {
        return message(NFT_MSG_GETRULE, 0, family).attrString(NFTA_RULE_TABLE, table).attrString(NFTA_RULE_CHAIN, chain);
    }

    /** netdev numbers its hooks on their own: ingress is 0 there, 5 (NF_INET_INGRESS) in inet. */
    static int hookNumber(NftFamily family, NftHook hook) {
        return family == NftFamily.NETDEV && hook == NftHook.INGRESS ? 0 : hook.number();
    }

    static NftHook hook(NftFamily family, int number) {
        return family == NftFamily.NETDEV && number == 0 ? NftHook.INGRESS : NftHook.of(number);
    }
}
