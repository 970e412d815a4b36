package io.jcni.plugin.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex of SHA-512, the hash the reference plugins derive chain names and comments from. */
public final class Sha512 {
    private Sha512() {
    }

    /** The first {@code length} hex digits of SHA-512 over the UTF-8 bytes of {@code text}. */
    public static String hexPrefix(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            // Every JDK ships SHA-512 (it is a required algorithm).
            throw new IllegalStateException(e);
        }
    }
}
