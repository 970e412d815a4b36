package io.jcni.netlink.tc;

import io.jcni.netlink.wire.TcConstants;

/** tc handles: a 16-bit major and a 16-bit minor in one int, written {@code major:minor} in hex as tc does. */
public final class Handles {
    /** The root of a link's egress (TC_H_ROOT). */
    public static final int ROOT = TcConstants.TC_H_ROOT;
    /** The parent of the ingress and clsact qdiscs (TC_H_INGRESS, ffff:fff1). */
    public static final int INGRESS = TcConstants.TC_H_INGRESS;

    private Handles() {
    }

    public static int of(int major, int minor) {
        if ((major & ~0xFFFF) != 0 || (minor & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("tc handle " + major + ":" + minor + " does not fit 16:16 bits");
        }
        return major << 16 | minor;
    }

    public static int major(int handle) {
        return handle >>> 16;
    }

    public static int minor(int handle) {
        return handle & 0xFFFF;
    }

    /** As tc prints it: {@code 1:0}, {@code ffff:fff1}, {@code root}. */
    public static String format(int handle) {
        if (handle == ROOT) {
            return "root";
        }
        return Integer.toHexString(major(handle)) + ":" + Integer.toHexString(minor(handle));
    }
}
