package io.jcni.plugin.rules;

/**
 * Go's {@code %q} for the texts that reach iptables comments (network names and container IDs):
 * the reference writes {@code name: %q id: %q}, and DEL matches comments byte for byte, so ours
 * must quote the same way. Printable ASCII stays as is except {@code "} and {@code \}; control
 * characters use Go's escapes. Non-ASCII printable text stays as is, as Go keeps printable runes.
 */
public final class GoQuote {
    private GoQuote() {
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
