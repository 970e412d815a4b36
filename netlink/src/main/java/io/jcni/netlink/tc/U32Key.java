package io.jcni.netlink.tc;

/**
 * One {@code match} of a u32 selector (struct tc_u32_key): the 32-bit word at {@code offset}
 * in the packet, masked, must equal {@code value}. Mask and value are the packet's bytes in
 * network order, read as a big-endian int.
 */
public record U32Key(int mask, int value, int offset, int offsetMask) {
    /** {@code match u32 0 0 at 0}: every packet. */
    public static final U32Key ALL = new U32Key(0, 0, 0, 0);

    public U32Key {
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("u32 key: value " + Integer.toHexString(value)
                    + " has bits outside mask " + Integer.toHexString(mask));
        }
    }
}
