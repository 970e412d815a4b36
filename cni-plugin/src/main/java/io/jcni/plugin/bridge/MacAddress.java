package io.jcni.plugin.bridge;

import java.util.HexFormat;
import java.util.Optional;

/** A 48-bit Ethernet address, written as the kernel and the reference write it: {@code 0a:58:0a:f4:00:02}. */
public record MacAddress(byte[] bytes) {
    public MacAddress {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Parses six hex byte pairs separated by {@code :} or {@code -} (the EUI-48 forms Go's
     * {@code net.ParseMAC} reads); empty when the text is anything else.
     */
    public static Optional<MacAddress> parse(String text) {
        if (text == null || text.length() != 17) {
            return Optional.empty();
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            return Optional.empty();
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            int at = 3 * i;
            if (i > 0 && text.charAt(at - 1) != sep) {
                return Optional.empty();
            }
            int hi = Character.digit(text.charAt(at), 16);
            int lo = Character.digit(text.charAt(at + 1), 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return Optional.of(new MacAddress(b));
    }

    /** Multicast addresses (low bit of the first byte) cannot be an interface's own address. */
    public boolean isMulticast() {
        return (bytes[0] & 1) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && java.util.Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
