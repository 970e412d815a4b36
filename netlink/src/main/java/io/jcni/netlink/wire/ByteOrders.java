package io.jcni.netlink.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads and writes integers in byte arrays. Netlink headers and most attributes are in host
 * order; nf_tables data and a few rtnetlink attributes (vlan protocol) are big-endian.
 * Callers check bounds first.
 */
final class ByteOrders {
    private static final VarHandle HOST_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle HOST_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle HOST_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ByteOrders() {
    }

    static int u16(byte[] b, int off) {
        return Short.toUnsignedInt((short) HOST_SHORT.get(b, off));
    }

    static int s32(byte[] b, int off) {
        return (int) HOST_INT.get(b, off);
    }

    static long s64(byte[] b, int off) {
        return (long) HOST_LONG.get(b, off);
    }

    static int be16(byte[] b, int off) {
        return Short.toUnsignedInt((short) BE_SHORT.get(b, off));
    }

    static int be32(byte[] b, int off) {
        return (int) BE_INT.get(b, off);
    }

    static long be64(byte[] b, int off) {
        return (long) BE_LONG.get(b, off);
    }

    static void putU16(byte[] b, int off, int v) {
        HOST_SHORT.set(b, off, (short) v);
    }

    static void putS32(byte[] b, int off, int v) {
        HOST_INT.set(b, off, v);
    }

    static void putS64(byte[] b, int off, long v) {
        HOST_LONG.set(b, off, v);
    }

    static void putBe16(byte[] b, int off, int v) {
        BE_SHORT.set(b, off, (short) v);
    }

    static void putBe32(byte[] b, int off, int v) {
        BE_INT.set(b, off, v);
    }

    static void putBe64(byte[] b, int off, long v) {
        BE_LONG.set(b, off, v);
    }

    /** Netlink aligns messages and attributes to 4 bytes. */
    static int align(int length) {
        return (length + 3) & ~3;
    }
}
