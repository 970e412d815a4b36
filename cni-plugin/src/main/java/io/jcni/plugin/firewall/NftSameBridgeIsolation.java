package io.jcni.plugin.firewall;

import io.jcni.netlink.nftables.NftCmp;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftMeta;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftRuleBuilder;
import io.jcni.netlink.nftables.NftValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code ingressPolicy: same-bridge} in the nftables backend, the reference's iptables rules
 * carried over: {@code isolation_stage_1} sends traffic from a bridge to anywhere else
 * ({@code iifname BR oifname != BR}) on to {@code isolation_stage_2}, which drops what leaves
 * through another bridge with the policy ({@code oifname BR drop}). The end of a regular chain
 * returns, so the reference's explicit RETURN rules are not needed. Rules stay on DEL, as the
 * reference's do: other pods may use the bridge.
 */
final class NftSameBridgeIsolation {
    static final String STAGE_1 = "isolation_stage_1";
    static final String STAGE_2 = "isolation_stage_2";
    static final String COMMENT = "CNI firewall plugin rules (ingressPolicy: same-bridge)";
    /** Interface names are compared as IFNAMSIZ bytes, NUL-padded, as nft writes them. */
    private static final int IFNAMSIZ = 16;

    private NftSameBridgeIsolation() {
    }

    static NftRule stage1(String bridge) {
        return new NftRuleBuilder(NftFamily.INET, NftablesFirewall.TABLE, STAGE_1).inputInterface(bridge)
                .expression(new NftMeta(NftMeta.KEY_OIFNAME, NftExpression.REG_1))
                .expression(new NftCmp(NftExpression.REG_1, NftCmp.Op.NEQ, name(bridge)))
                .jump(STAGE_2).comment(COMMENT).build();
    }

    static NftRule stage2(String bridge) {
        return new NftRuleBuilder(NftFamily.INET, NftablesFirewall.TABLE, STAGE_2).outputInterface(bridge)
                .drop().comment(COMMENT).build();
    }

    private static NftValue name(String bridge) {
        return NftValue.of(Arrays.copyOf(bridge.getBytes(StandardCharsets.UTF_8), IFNAMSIZ));
    }
}
