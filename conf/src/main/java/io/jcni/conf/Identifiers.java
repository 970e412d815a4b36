package io.jcni.conf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The spec's rules for the names that end up in file paths and kernel objects: network names,
 * container IDs and interface names. Each check returns what is wrong, or empty when the name is
 * valid; the caller adds the field name and its own error code.
 */
public final class Identifiers {
    // Network names and container IDs share this rule in the spec.
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_IFNAME_BYTES = 15;

    private Identifiers() {
    }

    public static Optional<String> checkNetworkName(String name) {
        return checkId(name);
    }

    public static Optional<String> checkContainerId(String id) {
        return checkId(id);
    }

    public static Optional<String> checkIfname(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IFNAME_BYTES) {
            return Optional.of("\"" + name + "\" is longer than " + MAX_IFNAME_BYTES + " bytes");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("\"" + name + "\" is not a valid interface name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':') {
                return Optional.of("\"" + name + "\" contains '" + c + "'");
            }
            if (isSpace(c)) {
                return Optional.of("\"" + name + "\" contains white space");
            }
        }
        return Optional.empty();
    }

    // Go's unicode.IsSpace, which the reference uses: ASCII and Unicode spaces, NEL and NBSP.
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private static Optional<String> checkId(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (!ID.matcher(id).matches()) {
            return Optional.of("\"" + id + "\" must start with a letter or digit and contain only"
                    + " letters, digits, '_', '.' and '-'");
        }
        return Optional.empty();
    }
}
