package io.jcni.netlink.nftables;

/** Netfilter hooks a base chain can attach to (NF_INET_* and NF_NETDEV_INGRESS). */
public enum NftHook {
    PREROUTING(0, "prerouting"),
    INPUT(1, "input"),
    FORWARD(2, "forward"),
    OUTPUT(3, "output"),
    POSTROUTING(4, "postrouting"),
    INGRESS(5, "ingress");

    private final int number;
    private final String nftName;

    NftHook(int number, String nftName) {
        this.number = number;
        this.nftName = nftName;
    }

    public int number() {
        return number;
    }

    public String nftName() {
        return nftName;
    }

    public static NftHook of(int number) {
        for (NftHook h : values()) {
            if (h.number == number) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown netfilter hook " + number);
    }
}
