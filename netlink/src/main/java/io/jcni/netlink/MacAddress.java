package io.jcni.netlink;

import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.NetlinkParseException;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A link-layer (hardware) address, usually 6 bytes of Ethernet MAC. Immutable: the bytes are
 * copied in and out. Written and parsed as lower-case colon-separated hex ("02:42:ac:11:00:02").
 */
public final class MacAddress {
    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MacAddress of(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > 32) {
            throw new IllegalArgumentException("hardware address must have 1 to 32 bytes, got " + bytes.length);
        }
        return new MacAddress(bytes.clone());
    }

    /** Decodes a hardware address attribute (IFLA_ADDRESS, NDA_LLADDR); the kernel sends at most 32 bytes. */
    public static MacAddress decode(Attribute attr) {
        if (attr.length() == 0 || attr.length() > 32) {
            throw new NetlinkParseException("hardware address attribute " + attr.type() + " has " + attr.length() + " bytes");
        }
        return new MacAddress(attr.bytes());
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (either case; '-' also accepted as separator). */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].length() != 2) {
                throw new IllegalArgumentException("invalid MAC address: " + text);
            }
            try {
                b[i] = (byte) HexFormat.fromHexDigits(parts[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid MAC address: " + text, e);
            }
        }
        return of(b);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
