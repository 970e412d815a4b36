package io.jcni.netlink.nftables;

import java.util.Objects;

/**
 * What makes a chain a base chain: its type, the hook it is attached to and its priority
 * (lower runs first). The kernel's default policy (accept) is kept.
 */
public record NftChainHook(NftChainType type, NftHook hook, int priority) {
    /** nft's {@code srcnat} priority (NF_IP_PRI_NAT_SRC), for postrouting nat chains. */
    public static final int PRIORITY_SRCNAT = 100;
    /** nft's {@code dstnat} priority (NF_IP_PRI_NAT_DST), for prerouting nat chains. */
    public static final int PRIORITY_DSTNAT = -100;
    /** nft's {@code filter} priority. */
    public static final int PRIORITY_FILTER = 0;

    public NftChainHook {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
    }
}
