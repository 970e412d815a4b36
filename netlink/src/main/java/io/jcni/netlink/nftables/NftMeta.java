package io.jcni.netlink.nftables;

/** Loads packet metadata {@code key} (NFT_META_*) into register {@code dreg}. */
public record NftMeta(int key, int dreg) implements NftExpression {
    /** Output interface index. */
    public static final int KEY_OIF = 5;
    /** Input interface name. */
    public static final int KEY_IIFNAME = 6;
    /** Output interface name. */
    public static final int KEY_OIFNAME = 7;
    /** Input interface hardware type (ARPHRD_*), 2 bytes: the dependency of ether matches outside bridge tables. */
    public static final int KEY_IIFTYPE = 8;
    /** Netfilter protocol (NFPROTO_IPV4/IPV6), 1 byte: the dependency of ip/ip6 matches in inet tables. */
    public static final int KEY_NFPROTO = 15;
    /** Layer 4 protocol number, 1 byte. */
    public static final int KEY_L4PROTO = 16;

    @Override
    public String name() {
        return "meta";
    }
}
