package io.jcni.e2e;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Unique names for what the tests create: {@code jt-ROLE-} and 8 random hex digits, so that
 * concurrent test runs (other modules, other checkouts) never share a namespace name.
 */
public final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    public static String unique(String role) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return "jt-" + role + "-" + HexFormat.of().formatHex(suffix);
    }
}
