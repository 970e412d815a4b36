package io.jcni.plugin.firewall;

import io.jcni.netlink.nftables.NftBitwise;
import io.jcni.netlink.nftables.NftCmp;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftOtherExpression;
import io.jcni.netlink.nftables.NftValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * {@code ct state established,related}: load the conntrack state into register 1, mask the two
 * state bits, match when any is set. Our netlink client has no ct expression type, so the ct load
 * is written as the raw attributes the kernel dumps back (DREG then KEY, big-endian), which keeps
 * a rule read back equal to the one built. Generic: belongs with the shared rule code.
 */
final class NftCtState {
    private static final short NFTA_CT_DREG = 1;
    private static final short NFTA_CT_KEY = 2;
    private static final int NFT_CT_STATE = 0;
    /** NF_CT_STATE_BIT(IP_CT_ESTABLISHED) | NF_CT_STATE_BIT(IP_CT_RELATED). */
    private static final int ESTABLISHED_OR_RELATED = 2 | 4;

    private NftCtState() {
    }

    static List<NftExpression> establishedOrRelated() {
        ByteBuffer ct = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        ct.putShort((short) 8).putShort(NFTA_CT_DREG).order(ByteOrder.BIG_ENDIAN).putInt(NftExpression.REG_1);
        ct.order(ByteOrder.nativeOrder()).putShort((short) 8).putShort(NFTA_CT_KEY).order(ByteOrder.BIG_ENDIAN).putInt(NFT_CT_STATE);
        // ct state is host-endian in registers, as nft writes it.
        byte[] mask = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(ESTABLISHED_OR_RELATED).array();
        return List.of(new NftOtherExpression("ct", NftValue.of(ct.array())),
                new NftBitwise(NftExpression.REG_1, NftExpression.REG_1, 4, NftValue.of(mask), NftValue.zeros(4)),
                new NftCmp(NftExpression.REG_1, NftCmp.Op.NEQ, NftValue.zeros(4)));
    }
}
