package io.jcni.netlink.link;

/** RFC 2863 operational state of a link (IFLA_OPERSTATE), in the kernel's numbering. */
public enum OperState {
    UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

    public static OperState of(int number) {
        OperState[] all = values();
        return number >= 0 && number < all.length ? all[number] : UNKNOWN;
    }
}
