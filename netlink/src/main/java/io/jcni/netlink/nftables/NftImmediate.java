package io.jcni.netlink.nftables;

import java.util.Objects;

/** Puts {@code data} into register {@code dreg}; with a verdict in register 0 it decides the packet's fate. */
public record NftImmediate(int dreg, NftData data) implements NftExpression {
    public NftImmediate {
        Objects.requireNonNull(data, "immediate data");
        if ((data instanceof NftVerdict) != (dreg == REG_VERDICT)) {
            throw new IllegalArgumentException("verdicts go to register 0, values to data registers (got register " + dreg + ")");
        }
    }

    /** The verdict statement, e.g. {@code verdict(NftVerdict.goTo("masq_checks"))}. */
    public static NftImmediate verdict(NftVerdict verdict) {
        return new NftImmediate(REG_VERDICT, verdict);
    }

    @Override
    public String name() {
        return "immediate";
    }
}
