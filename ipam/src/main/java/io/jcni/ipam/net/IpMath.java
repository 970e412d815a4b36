package io.jcni.ipam.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Arithmetic on addresses of one family, as unsigned numbers (prefix arithmetic is {@link io.jcni.conf.result.IpPrefix}'s). */
public final class IpMath {
    private IpMath() {
    }

    public static BigInteger toNumber(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    /** The address of {@code bytes} length (4 or 16) with the value {@code n}. */
    public static InetAddress fromNumber(BigInteger n, int bytes) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // only for lengths other than 4 and 16
        }
    }

    public static boolean sameFamily(InetAddress a, InetAddress b) {
        return a.getAddress().length == b.getAddress().length;
    }

    /** Compares two addresses of one family numerically. */
    public static int compare(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }

    public static InetAddress next(InetAddress a) {
        return fromNumber(toNumber(a).add(BigInteger.ONE), a.getAddress().length);
    }

    /** Number of addresses from {@code from} to {@code to}, both included. */
    public static BigInteger span(InetAddress from, InetAddress to) {
        return toNumber(to).subtract(toNumber(from)).add(BigInteger.ONE);
    }
}
