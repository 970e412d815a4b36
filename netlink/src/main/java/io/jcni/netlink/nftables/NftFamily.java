package io.jcni.netlink.nftables;

/** Address family of an nf_tables table (NFPROTO_*), with the name nft prints for it. */
public enum NftFamily {
    INET(1, "inet"),
    IP(2, "ip"),
    ARP(3, "arp"),
    NETDEV(5, "netdev"),
    BRIDGE(7, "bridge"),
    IP6(10, "ip6");

    private final int number;
    private final String nftName;

    NftFamily(int number, String nftName) {
        this.number = number;
        this.nftName = nftName;
    }

    /** NFPROTO_* value, as in nfgenmsg.nfgen_family. */
    public int number() {
        return number;
    }

    /** The keyword nft uses, e.g. {@code inet}. */
    public String nftName() {
        return nftName;
    }

    /** The family with that NFPROTO_* number. */
    public static NftFamily of(int number) {
        for (NftFamily f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown nf_tables family " + number);
    }
}
