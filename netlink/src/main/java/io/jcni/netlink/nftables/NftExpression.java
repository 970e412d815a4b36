package io.jcni.netlink.nftables;

/**
 * One expression of a rule: the kernel's little instructions that load packet data into
 * registers, compare it and issue verdicts. Only the ones masquerade needs are modelled;
 * anything else read from the kernel stays an {@link NftOtherExpression}.
 */
public sealed interface NftExpression
        permits NftPayload, NftCmp, NftBitwise, NftMeta, NftImmediate, NftMasq, NftCounter, NftOtherExpression {
    /** Register 0 holds the verdict. */
    int REG_VERDICT = 0;
    /** The first 16-byte data register, which nft uses for simple matches. */
    int REG_1 = 1;

    /** The kernel's expression name (NFTA_EXPR_NAME), e.g. {@code payload}. */
    String name();
}
