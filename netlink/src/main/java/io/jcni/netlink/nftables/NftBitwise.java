package io.jcni.netlink.nftables;

import java.util.Objects;

/**
 * {@code dreg = (sreg & mask) ^ xor} over {@code length} bytes: how nft matches prefixes that do
 * not end on a byte boundary. (The kernel's shift operations are not modelled.)
 */
public record NftBitwise(int sreg, int dreg, int length, NftValue mask, NftValue xor) implements NftExpression {
    public NftBitwise {
        Objects.requireNonNull(mask, "bitwise mask");
        Objects.requireNonNull(xor, "bitwise xor");
        if (mask.length() != length || xor.length() != length) {
            throw new IllegalArgumentException("bitwise mask and xor must be " + length + " bytes long");
        }
    }

    @Override
    public String name() {
        return "bitwise";
    }
}
