package io.jcni.netlink.nftables;

import java.util.Objects;

/** Loads {@code length} bytes at {@code offset} from the {@code base} header into register {@code dreg}. */
public record NftPayload(Base base, int offset, int length, int dreg) implements NftExpression {
    /** Which header the offset counts from (NFT_PAYLOAD_*_HEADER). */
    public enum Base {
        LINK_LAYER(0), NETWORK(1), TRANSPORT(2), INNER(3);

        private final int number;

        Base(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public static Base of(int number) {
            for (Base b : values()) {
                if (b.number == number) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown payload base " + number);
        }
    }

    public NftPayload {
        Objects.requireNonNull(base, "payload base");
    }

    @Override
    public String name() {
        return "payload";
    }
}
