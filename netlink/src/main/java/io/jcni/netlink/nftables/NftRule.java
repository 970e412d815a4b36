package io.jcni.netlink.nftables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule of chain {@code chain} in table {@code table}: its expressions in order, and the comment
 * nft shows as {@code comment "..."}. {@code handle} is the kernel's number (what {@code nft -a}
 * prints and what deleting a rule needs), 0 for a rule not read from the kernel. Build the
 * expressions of common matches with {@link NftRuleBuilder}.
 */
public record NftRule(NftFamily family, String table, String chain, List<NftExpression> expressions,
                      Optional<String> comment, long handle) {
    public NftRule {
        Objects.requireNonNull(family, "rule family");
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", chain);
        expressions = List.copyOf(Objects.requireNonNull(expressions, "rule expressions"));
        NftNames.requireComment("rule comment", comment);
    }

    /** The same rule without its kernel handle, for comparing what was written with what was read. */
    public NftRule withoutHandle() {
        return new NftRule(family, table, chain, expressions, comment, 0);
    }

    @Override
    public String toString() {
        return "rule " + family.nftName() + " " + table + " " + chain
                + (handle != 0 ? " handle " + handle : "")
                + comment.map(c -> " comment \"" + c + "\"").orElse("");
    }
}
