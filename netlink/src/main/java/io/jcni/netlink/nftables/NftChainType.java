package io.jcni.netlink.nftables;

/** The type of a base chain: which kind of work its hook does. */
public enum NftChainType {
    FILTER("filter"),
    NAT("nat"),
    ROUTE("route");

    private final String nftName;

    NftChainType(String nftName) {
        this.nftName = nftName;
    }

    /** The name on the wire (NFTA_CHAIN_TYPE) and in nft. */
    public String nftName() {
        return nftName;
    }

    public static NftChainType of(String name) {
        for (NftChainType t : values()) {
            if (t.nftName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown chain type " + name);
    }
}
