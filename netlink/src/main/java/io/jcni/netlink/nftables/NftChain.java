package io.jcni.netlink.nftables;

import java.util.Objects;
import java.util.Optional;

/**
 * An nf_tables chain in table {@code table} of {@code family}. A base chain has a {@link
 * NftChainHook}; a regular chain has none and is reached by jump/goto. {@code handle} is the
 * kernel's number, 0 for a chain not read from the kernel.
 */
public record NftChain(NftFamily family, String table, String name, Optional<NftChainHook> hook,
                       Optional<String> comment, long handle) {
    public NftChain {
        Objects.requireNonNull(family, "chain family");
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", name);
        Objects.requireNonNull(hook, "chain hook");
        NftNames.requireComment("chain comment", comment);
    }

    /** A regular chain (no hook). */
    public static NftChain regular(NftFamily family, String table, String name) {
        return new NftChain(family, table, name, Optional.empty(), Optional.empty(), 0);
    }

    /** A base chain, e.g. {@code type nat hook postrouting priority srcnat}. */
    public static NftChain base(NftFamily family, String table, String name, NftChainType type, NftHook hook, int priority) {
        return new NftChain(family, table, name, Optional.of(new NftChainHook(type, hook, priority)), Optional.empty(), 0);
    }

    public NftChain withComment(String comment) {
        return new NftChain(family, table, name, hook, Optional.of(comment), handle);
    }

    /** As nft names it, e.g. {@code chain inet cni_plugins_masquerade postrouting}. */
    @Override
    public String toString() {
        return "chain " + family.nftName() + " " + table + " " + name;
    }
}
