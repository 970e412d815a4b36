package io.jcni.netlink.nftables;

import java.util.Objects;

/**
 * An expression this client does not model (e.g. {@code lookup}, {@code ct}), kept as its name
 * and the raw bytes of its NFTA_EXPR_DATA attributes, so rules written by others can still be
 * listed, compared and written back unchanged.
 */
public record NftOtherExpression(String name, NftValue data) implements NftExpression {
    public NftOtherExpression {
        NftNames.requireName("expression name", name);
        Objects.requireNonNull(data, "expression data");
    }
}
