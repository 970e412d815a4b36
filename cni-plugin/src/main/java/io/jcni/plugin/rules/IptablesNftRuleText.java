package io.jcni.plugin.rules;

import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.nftables.NftBitwise;
import io.jcni.netlink.nftables.NftCmp;
import io.jcni.netlink.nftables.NftCounter;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftImmediate;
import io.jcni.netlink.nftables.NftOtherExpression;
import io.jcni.netlink.nftables.NftPayload;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftVerdict;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A rule iptables-nft wrote, as {@code iptables-save} prints it, for the shapes the masquerade
 * rules use. iptables-nft 1.8 encodes {@code [!] -s/-d ADDR/LEN} as a payload load of the
 * prefix's bytes (plus a bitwise mask when it does not end on a byte), {@code -m comment} as an
 * xt {@code match} expression, {@code -j MASQUERADE} as an xt {@code target}, a counter, and
 * {@code -j ACCEPT} / {@code -j CHAIN} as native verdicts. Anything else is printed as
 * {@code ?NAME}, so such a rule never equals one we expect.
 */
public final class IptablesNftRuleText {
    private IptablesNftRuleText() {
    }

    public static String of(NftRule rule) {
        StringBuilder sb = new StringBuilder("-A ").append(rule.chain());
        List<NftExpression> ex = rule.expressions();
        int addressLength = rule.family() == NftFamily.IP6 ? 16 : 4;
        for (int i = 0; i < ex.size(); i++) {
            NftExpression e = ex.get(i);
            if (e instanceof NftPayload p && p.base() == NftPayload.Base.NETWORK) {
                NftBitwise mask = i + 1 < ex.size() && ex.get(i + 1) instanceof NftBitwise b ? b : null;
                int at = mask == null ? i + 1 : i + 2;
                if (at < ex.size() && ex.get(at) instanceof NftCmp c && address(p, mask, c, addressLength, sb)) {
                    i = at;
                    continue;
                }
            }
            switch (e) {
                case NftCounter ignored -> {
                }
                case NftImmediate imm when imm.dreg() == 0 && imm.data() instanceof NftVerdict v -> sb.append(verdict(v));
                case NftOtherExpression o when o.name().equals("match") && "comment".equals(xtName(o)) ->
                        sb.append(" -m comment --comment ").append(IptablesDump.quoteComment(cString(xtInfo(o))));
                case NftOtherExpression o when o.name().equals("target") && xtName(o) != null ->
                        sb.append(" -j ").append(xtName(o)); // options (e.g. --to-ports) are not read
                default -> sb.append(" ?").append(e.name());
            }
        }
        return sb.toString();
    }

    /** Appends {@code [!] -s|-d ADDR/LEN} when the load, mask and compare are one address match. */
    private static boolean address(NftPayload p, NftBitwise mask, NftCmp c, int addressLength, StringBuilder sb) {
        String flag;
        if (p.offset() == (addressLength == 4 ? 12 : 8)) {
            flag = "-s";
        } else if (p.offset() == (addressLength == 4 ? 16 : 24)) {
            flag = "-d";
        } else {
            return false;
        }
        if (p.length() > addressLength || c.data().length() != p.length() || (c.op() != NftCmp.Op.EQ && c.op() != NftCmp.Op.NEQ)) {
            return false;
        }
        int prefix = p.length() * 8;
        if (mask != null) {
            if (mask.length() != p.length() || !allZero(mask.xor().bytes())) {
                return false;
            }
            prefix = 0;
            for (byte b : mask.mask().bytes()) {
                prefix += Integer.bitCount(Byte.toUnsignedInt(b));
            }
        }
        byte[] addr = new byte[addressLength];
        System.arraycopy(c.data().bytes(), 0, addr, 0, p.length());
        try {
            IpPrefix net = new IpPrefix(InetAddress.getByAddress(addr), prefix);
            sb.append(c.op() == NftCmp.Op.NEQ ? " ! " : " ").append(flag).append(' ').append(net);
            return true;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String verdict(NftVerdict v) {
        return switch (v.kind()) {
            case JUMP -> " -j " + v.chain().orElseThrow();
            case GOTO -> " -g " + v.chain().orElseThrow();
            default -> " -j " + v.kind().name();
        };
    }

    /** The xt extension's name ({@code comment}, {@code MASQUERADE}), or null when unreadable. */
    private static String xtName(NftOtherExpression o) {
        byte[] name = attribute(o, XtExpressions.XT_NAME);
        return name == null ? null : cString(name);
    }

    private static byte[] xtInfo(NftOtherExpression o) {
        byte[] info = attribute(o, XtExpressions.XT_INFO);
        return info == null ? new byte[0] : info;
    }

    /** The payload of attribute {@code type} in the expression's raw data (netlink attributes, host order). */
    private static byte[] attribute(NftOtherExpression o, int type) {
        ByteBuffer b = ByteBuffer.wrap(o.data().bytes()).order(ByteOrder.nativeOrder());
        while (b.remaining() >= 4) {
            int at = b.position();
            int len = Short.toUnsignedInt(b.getShort(at));
            int t = Short.toUnsignedInt(b.getShort(at + 2)) & 0x3fff;
            if (len < 4 || len > b.remaining()) {
                return null;
            }
            if (t == type) {
                byte[] out = new byte[len - 4];
                b.get(at + 4, out);
                return out;
            }
            b.position(Math.min(b.limit(), at + ((len + 3) & ~3)));
        }
        return null;
    }

    private static String cString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
