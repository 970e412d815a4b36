package io.jcni.netlink.link;

import java.nio.charset.StandardCharsets;

/** The kernel's rules for interface names (dev_valid_name), checked before any message is sent. */
final class LinkNames {
    /** IFNAMSIZ minus the terminating NUL. */
    static final int MAX_LENGTH = 15;

    private LinkNames() {
    }

    static String check(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + ": interface name is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw new IllegalArgumentException(field + ": interface name '" + name + "' is longer than " + MAX_LENGTH + " bytes");
        }
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains(":")
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(field + ": invalid interface name '" + name + "'");
        }
        return name;
    }
}
