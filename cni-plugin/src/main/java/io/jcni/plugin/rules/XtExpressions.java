package io.jcni.plugin.rules;

import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftOtherExpression;
import io.jcni.netlink.nftables.NftValue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The xt compat expressions iptables-nft writes for what nf_tables has no native form of in its
 * rule text: {@code -m comment} as an xt {@code match} and {@code -j MASQUERADE} as an xt
 * {@code target}, byte for byte as iptables-nft 1.8 sends them (name, revision 0, the extension's
 * info struct at its kernel size), so {@code iptables-save} and the tools read them as their own.
 */
public final class XtExpressions {
    /** NFTA_MATCH_NAME / NFTA_TARGET_NAME, NFTA_*_REV, NFTA_*_INFO (the same numbers for both). */
    static final int XT_NAME = 1;
    static final int XT_REV = 2;
    static final int XT_INFO = 3;
    /** struct xt_comment_info: char comment[XT_MAX_COMMENT_LEN]. */
    private static final int COMMENT_INFO = 256;
    /** IPv4: struct nf_nat_ipv4_multi_range_compat (rangesize 1 + one 16-byte range), XT_ALIGNed. */
    private static final int MASQ_INFO_V4 = 24;
    /** IPv6: struct nf_nat_range (flags, two 16-byte addresses, two ports). */
    private static final int MASQ_INFO_V6 = 40;

    private XtExpressions() {
    }

    /** {@code -m comment --comment TEXT}; the text must fit the 256-byte info with its NUL. */
    public static NftOtherExpression comment(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        if (t.length >= COMMENT_INFO) {
            throw new IllegalArgumentException("iptables comment longer than 255 bytes: " + text);
        }
        byte[] info = new byte[COMMENT_INFO];
        System.arraycopy(t, 0, info, 0, t.length);
        return xt("match", "comment", info);
    }

    /** {@code -j MASQUERADE} without options, for an {@code ip} or {@code ip6} table. */
    public static NftOtherExpression masquerade(NftFamily family) {
        byte[] info;
        if (family == NftFamily.IP) {
            info = new byte[MASQ_INFO_V4];
            ByteBuffer.wrap(info).order(ByteOrder.nativeOrder()).putInt(0, 1); // rangesize: the kernel wants 1
        } else if (family == NftFamily.IP6) {
            info = new byte[MASQ_INFO_V6];
        } else {
            throw new IllegalArgumentException("MASQUERADE targets live in ip and ip6 tables, not " + family.nftName());
        }
        return xt("target", "MASQUERADE", info);
    }

    private static NftOtherExpression xt(String expression, String name, byte[] info) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        attribute(out, XT_NAME, (name + "\0").getBytes(StandardCharsets.US_ASCII));
        attribute(out, XT_REV, new byte[4]); // revision 0, big-endian
        attribute(out, XT_INFO, info);
        return new NftOtherExpression(expression, NftValue.of(out.toByteArray()));
    }

    /** One netlink attribute in host order, padded to 4 bytes. */
    private static void attribute(ByteArrayOutputStream out, int type, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
        header.putShort((short) (4 + payload.length)).putShort((short) type);
        out.writeBytes(header.array());
        out.writeBytes(payload);
        out.writeBytes(new byte[(4 - payload.length % 4) % 4]);
    }
}
