package io.jcni.plugin.portmap;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols a port mapping can name; iptables and nftables call them by these names. */
enum Protocol {
    TCP, UDP, SCTP;

    /** The lower-case name iptables and nftables use. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** IPPROTO_* number, as conntrack and nftables compare it. */
    int number() {
        return switch (this) {
            case TCP -> 6;
            case UDP -> 17;
            case SCTP -> 132;
        };
    }

    /** Case-insensitive, as containerd sends {@code TCP} and the conventions {@code tcp}. */
    static Optional<Protocol> parse(String s) {
        for (Protocol p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
