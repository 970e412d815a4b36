package io.jcni.netlink.nftables;

/**
 * Values from linux/netfilter/nf_tables.h and libnftnl's udata.h. nf_tables integers travel
 * big-endian (registers, codes, lengths, handles), unlike rtnetlink.
 */
final class NftConstants {
    static final int NFT_MSG_NEWTABLE = 0;
    static final int NFT_MSG_GETTABLE = 1;
    static final int NFT_MSG_DELTABLE = 2;
    static final int NFT_MSG_NEWCHAIN = 3;
    static final int NFT_MSG_GETCHAIN = 4;
    static final int NFT_MSG_DELCHAIN = 5;
    static final int NFT_MSG_NEWRULE = 6;
    static final int NFT_MSG_GETRULE = 7;
    static final int NFT_MSG_DELRULE = 8;

    static final int NFTA_TABLE_NAME = 1;
    static final int NFTA_TABLE_FLAGS = 2;
    static final int NFTA_TABLE_HANDLE = 4;
    static final int NFTA_TABLE_USERDATA = 6;

    static final int NFTA_CHAIN_TABLE = 1;
    static final int NFTA_CHAIN_HANDLE = 2;
    static final int NFTA_CHAIN_NAME = 3;
    static final int NFTA_CHAIN_HOOK = 4;
    static final int NFTA_CHAIN_POLICY = 5;
    static final int NFTA_CHAIN_TYPE = 7;
    static final int NFTA_CHAIN_USERDATA = 12;

    static final int NFTA_HOOK_HOOKNUM = 1;
    static final int NFTA_HOOK_PRIORITY = 2;

    static final int NFTA_RULE_TABLE = 1;
    static final int NFTA_RULE_CHAIN = 2;
    static final int NFTA_RULE_HANDLE = 3;
    static final int NFTA_RULE_EXPRESSIONS = 4;
    static final int NFTA_RULE_USERDATA = 7;

    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;

    static final int NFTA_DATA_VALUE = 1;
    static final int NFTA_DATA_VERDICT = 2;
    static final int NFTA_VERDICT_CODE = 1;
    static final int NFTA_VERDICT_CHAIN = 2;

    static final int NFTA_IMMEDIATE_DREG = 1;
    static final int NFTA_IMMEDIATE_DATA = 2;

    static final int NFTA_BITWISE_SREG = 1;
    static final int NFTA_BITWISE_DREG = 2;
    static final int NFTA_BITWISE_LEN = 3;
    static final int NFTA_BITWISE_MASK = 4;
    static final int NFTA_BITWISE_XOR = 5;
    static final int NFTA_BITWISE_OP = 6;
    /** enum nft_bitwise_ops: the only operation modelled, (reg & mask) ^ xor. */
    static final int NFT_BITWISE_MASK_XOR = 0;

    static final int NFTA_CMP_SREG = 1;
    static final int NFTA_CMP_OP = 2;
    static final int NFTA_CMP_DATA = 3;

    static final int NFTA_PAYLOAD_DREG = 1;
    static final int NFTA_PAYLOAD_BASE = 2;
    static final int NFTA_PAYLOAD_OFFSET = 3;
    static final int NFTA_PAYLOAD_LEN = 4;
    /** Present only on payload writes (mangling), which we do not model. */
    static final int NFTA_PAYLOAD_SREG = 5;

    static final int NFTA_META_DREG = 1;
    static final int NFTA_META_KEY = 2;
    /** Present only on meta writes (meta set), which we do not model. */
    static final int NFTA_META_SREG = 3;

    static final int NFTA_MASQ_FLAGS = 1;
    static final int NFTA_MASQ_REG_PROTO_MIN = 2;

    static final int NFTA_COUNTER_BYTES = 1;
    static final int NFTA_COUNTER_PACKETS = 2;

    /** libnftnl udata TLV types: the comment is type 0 in table, chain and rule user data alike. */
    static final int NFTNL_UDATA_COMMENT = 0;

    /** NFT_NAME_MAXLEN includes the terminating NUL. */
    static final int NAME_MAX_BYTES = 255;
    /**
     * The comment TLV (2 header bytes, text, NUL) must fit NFT_USERDATA_MAXLEN (256). nft's own
     * parser stops at 128 characters, which callers that want nft to accept their text respect.
     */
    static final int COMMENT_MAX_BYTES = 253;

    private NftConstants() {
    }
}
