package io.jcni.netlink.nftables;

import java.util.Arrays;
import java.util.HexFormat;

/** Bytes as they sit in an nf_tables register (network order for addresses). Immutable. */
public final class NftValue implements NftData {
    private final byte[] bytes;

    private NftValue(byte[] bytes) {
        this.bytes = bytes;
    }

    public static NftValue of(byte... bytes) {
        return new NftValue(bytes.clone());
    }

    /** A value of {@code length} zero bytes. */
    public static NftValue zeros(int length) {
        return new NftValue(new byte[length]);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NftValue v && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
