package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpPrefix;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses as the kernel's tools print them: dotted quads, and IPv6 in RFC 5952 form (lower case,
 * the longest run of zero groups as {@code ::}). The JDK's {@code getHostAddress} does not compress
 * IPv6, and firewall rule texts are compared byte for byte with {@code iptables-save} output.
 */
public final class IpText {
    private IpText() {
    }

    public static String format(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1; // RFC 5952: a single zero group is not shortened
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** {@code ADDR/LEN} with the address as {@link #format} writes it. */
    public static String format(IpPrefix p) {
        return format(p.address()) + "/" + p.prefixLength();
    }

    /** The subnet a CNI address names: host bits cleared, same prefix length. */
    public static IpPrefix network(IpPrefix p) {
        byte[] b = p.address().getAddress();
        for (int bit = p.prefixLength(); bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new IpPrefix(InetAddress.getByAddress(b), p.prefixLength());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The whole address as a host prefix: /32 or /128. */
    public static IpPrefix host(InetAddress a) {
        return new IpPrefix(a, a.getAddress().length * 8);
    }
}
