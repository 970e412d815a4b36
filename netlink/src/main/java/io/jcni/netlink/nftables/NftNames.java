package io.jcni.netlink.nftables;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Checks names and comments before they reach the kernel, so a bad one is reported by field. */
final class NftNames {
    private NftNames() {
    }

    static String requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL: " + name);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NftConstants.NAME_MAX_BYTES) {
            throw new IllegalArgumentException(what + " longer than " + NftConstants.NAME_MAX_BYTES + " bytes: " + name);
        }
        return name;
    }

    static Optional<String> requireComment(String what, Optional<String> comment) {
        if (comment == null) {
            throw new IllegalArgumentException(what + " must be Optional.empty(), not null");
        }
        comment.ifPresent(c -> {
            if (c.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " must not contain NUL: " + c);
            }
            if (c.getBytes(StandardCharsets.UTF_8).length > NftConstants.COMMENT_MAX_BYTES) {
                throw new IllegalArgumentException(what + " longer than " + NftConstants.COMMENT_MAX_BYTES + " bytes: " + c);
            }
        });
        return comment;
    }
}
