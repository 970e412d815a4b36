package io.jcni.netlink.nftables;

import java.util.Objects;
import java.util.Optional;

/** A verdict: what happens to the packet, and for jump/goto the chain it continues in. */
public record NftVerdict(Kind kind, Optional<String> chain) implements NftData {
    /** Verdict codes: NF_DROP, NF_ACCEPT and the nf_tables ones (negative). */
    public enum Kind {
        DROP(0), ACCEPT(1), CONTINUE(-1), BREAK(-2), JUMP(-3), GOTO(-4), RETURN(-5);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown verdict code " + code);
        }
    }

    public NftVerdict {
        Objects.requireNonNull(kind, "verdict kind");
        Objects.requireNonNull(chain, "verdict chain");
        boolean needsChain = kind == Kind.JUMP || kind == Kind.GOTO;
        if (needsChain != chain.isPresent()) {
            throw new IllegalArgumentException(needsChain ? kind + " verdict needs a chain" : kind + " verdict takes no chain");
        }
        chain.ifPresent(c -> NftNames.requireName("verdict chain", c));
    }

    public static NftVerdict of(Kind kind) {
        return new NftVerdict(kind, Optional.empty());
    }

    public static NftVerdict jump(String chain) {
        return new NftVerdict(Kind.JUMP, Optional.of(chain));
    }

    public static NftVerdict goTo(String chain) {
        return new NftVerdict(Kind.GOTO, Optional.of(chain));
    }
}
