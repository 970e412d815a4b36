package io.jcni.netlink.nftables;

import java.util.Objects;

/** Compares register {@code sreg} with {@code data}; the rule stops matching when it is false. */
public record NftCmp(int sreg, Op op, NftValue data) implements NftExpression {
    /** NFT_CMP_*. */
    public enum Op {
        EQ, NEQ, LT, LTE, GT, GTE;

        public int number() {
            return ordinal();
        }

        public static Op of(int number) {
            if (number < 0 || number >= values().length) {
                throw new IllegalArgumentException("unknown cmp operation " + number);
            }
            return values()[number];
        }
    }

    public NftCmp {
        Objects.requireNonNull(op, "cmp op");
        Objects.requireNonNull(data, "cmp data");
    }

    @Override
    public String name() {
        return "cmp";
    }
}
