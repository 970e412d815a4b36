package io.jcni.netlink.nftables;

/** Counts packets and bytes that reach it; written with 0/0, read back with the kernel's counts. */
public record NftCounter(long packets, long bytes) implements NftExpression {
    @Override
    public String name() {
        return "counter";
    }
}
