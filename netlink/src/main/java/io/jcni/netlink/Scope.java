package io.jcni.netlink;

import io.jcni.netlink.wire.RtnetlinkConstants;

/** Address and route scopes (rtm_scope, ifa_scope). Values in between are carried as {@link #OTHER}. */
public enum Scope {
    UNIVERSE(RtnetlinkConstants.RT_SCOPE_UNIVERSE),
    SITE(RtnetlinkConstants.RT_SCOPE_SITE),
    LINK(RtnetlinkConstants.RT_SCOPE_LINK),
    HOST(RtnetlinkConstants.RT_SCOPE_HOST),
    NOWHERE(RtnetlinkConstants.RT_SCOPE_NOWHERE),
    /** A user-defined scope number this enum does not name. */
    OTHER(-1);

    private final int number;

    Scope(int number) {
        this.number = number;
    }

    public int number() {
        if (this == OTHER) {
            throw new IllegalStateException("scope OTHER has no single number");
        }
        return number;
    }

    public static Scope of(int number) {
        for (Scope s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return OTHER;
    }
}
