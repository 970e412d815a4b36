package io.jcni.conf.result;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * IP address literals as CNI writes them. Parsing never resolves names (unlike
 * {@link InetAddress#getByName}); formatting follows RFC 5952, as Go's {@code net.IP} does, so
 * our output matches the reference plugins byte for byte.
 */
public final class IpText {
    // Dotted quad only: Go rejects the BSD short forms and leading zeros that the JDK accepts.
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private IpText() {
    }

    /** Parses an IPv4 or IPv6 literal; anything else is an {@link IllegalArgumentException}. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty IP address");
        }
        try {
            if (text.indexOf(':') >= 0) {
                if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
                    throw new IllegalArgumentException("invalid IP address \"" + text + "\"");
                }
                return Inet6Address.ofLiteral(text);
            }
            if (!DOTTED_QUAD.matcher(text).matches()) {
                throw new IllegalArgumentException("invalid IP address \"" + text + "\"");
            }
            return Inet4Address.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("invalid IP address")) {
                throw e;
            }
            throw new IllegalArgumentException("invalid IP address \"" + text + "\"", e);
        }
    }

    /** The canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1; // a single zero group is never shortened
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
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
