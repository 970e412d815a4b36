package io.jcni.netlink.nftables;

/** Source NAT to the address of the outgoing interface; {@code flags} are NF_NAT_RANGE_* (0 for plain masquerade). */
public record NftMasq(int flags) implements NftExpression {
    @Override
    public String name() {
        return "masq";
    }
}
