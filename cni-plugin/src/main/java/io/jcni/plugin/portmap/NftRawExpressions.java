package io.jcni.plugin.portmap;

import io.jcni.netlink.nftables.NftOtherExpression;
import io.jcni.netlink.nftables.NftValue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The nf_tables expressions portmap needs that the netlink module does not model yet ({@code fib}
 * and {@code nat}), as raw NFTA_EXPR_DATA attributes in the order nft writes them. Not specific
 * to portmap: they belong in {@code io.jcni.netlink.nftables} as typed expressions.
 */
final class NftRawExpressions {
    /** NFTA_FIB_DREG, NFTA_FIB_RESULT, NFTA_FIB_FLAGS; NFT_FIB_RESULT_ADDRTYPE; NFTA_FIB_F_DADDR. */
    private static final int FIB_DREG = 1;
    private static final int FIB_RESULT = 2;
    private static final int FIB_FLAGS = 3;
    private static final int FIB_RESULT_ADDRTYPE = 3;
    private static final int FIB_F_DADDR = 1 << 1;
    /** NFTA_NAT_TYPE, NFTA_NAT_FAMILY, NFTA_NAT_REG_ADDR_MIN, NFTA_NAT_REG_PROTO_MIN, NFTA_NAT_FLAGS; NFT_NAT_DNAT. */
    private static final int NAT_TYPE = 1;
    private static final int NAT_FAMILY = 2;
    private static final int NAT_REG_ADDR_MIN = 3;
    private static final int NAT_REG_PROTO_MIN = 5;
    private static final int NAT_FLAGS = 7;
    private static final int NAT_DNAT = 1;
    /** NF_NAT_RANGE_PROTO_SPECIFIED, as nft sets for {@code dnat to ADDR:PORT} (the kernel adds MAP_IPS itself). */
    private static final int NAT_RANGE_FLAGS = 0x2;

    private NftRawExpressions() {
    }

    /** {@code fib daddr type} into {@code dreg}: the routing type (RTN_LOCAL = 2 for a local address). */
    static NftOtherExpression fibDaddrType(int dreg) {
        return new NftOtherExpression("fib", NftValue.of(attrs(
                FIB_DREG, dreg, FIB_RESULT, FIB_RESULT_ADDRTYPE, FIB_FLAGS, FIB_F_DADDR)));
    }

    /** {@code dnat to} the address in {@code addrReg} and the port in {@code portReg}; {@code nfproto} is 2 or 10. */
    static NftOtherExpression dnat(int nfproto, int addrReg, int portReg) {
        return new NftOtherExpression("nat", NftValue.of(attrs(NAT_TYPE, NAT_DNAT, NAT_FAMILY, nfproto,
                NAT_REG_ADDR_MIN, addrReg, NAT_REG_PROTO_MIN, portReg, NAT_FLAGS, NAT_RANGE_FLAGS)));
    }

    /** Netlink attributes (host-order header) each holding one big-endian u32: type, value, type, value... */
    private static byte[] attrs(int... typeValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < typeValue.length; i += 2) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            b.putShort((short) 8).putShort((short) typeValue[i]);
            b.order(ByteOrder.BIG_ENDIAN).putInt(typeValue[i + 1]);
            out.writeBytes(b.array());
        }
        return out.toByteArray();
    }
}
