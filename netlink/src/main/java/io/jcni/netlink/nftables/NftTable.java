package io.jcni.netlink.nftables;

import java.util.Objects;
import java.util.Optional;

/**
 * An nf_tables table. {@code handle} is the kernel's number for it, 0 for a table not read
 * from the kernel (handles start at 1).
 */
public record NftTable(NftFamily family, String name, Optional<String> comment, long handle) {
    public NftTable {
        Objects.requireNonNull(family, "table family");
        NftNames.requireName("table name", name);
        NftNames.requireComment("table comment", comment);
    }

    /** A table to create, without comment. */
    public static NftTable of(NftFamily family, String name) {
        return new NftTable(family, name, Optional.empty(), 0);
    }

    public NftTable withComment(String comment) {
        return new NftTable(family, name, Optional.of(comment), handle);
    }

    /** As nft names it, e.g. {@code table inet cni_plugins_masquerade}. */
    @Override
    public String toString() {
        return "table " + family.nftName() + " " + name;
    }
}
