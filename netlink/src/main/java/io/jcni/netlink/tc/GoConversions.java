package io.jcni.netlink.tc;

/**
 * The float-to-uint32 conversion of the reference's token bucket arithmetic (Go on amd64 converts
 * through a 64-bit integer and keeps the low 32 bits), so the same config gives the same qdisc.
 */
final class GoConversions {
    private GoConversions() {
    }

    static int toUint32(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value >= 0x1p63 || value < -0x1p63) {
            return 0; // the integer-indefinite value 0x8000000000000000 has zero low bits
        }
        return (int) (long) value;
    }
}
