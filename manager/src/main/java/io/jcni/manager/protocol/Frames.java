package io.jcni.manager.protocol;

/**
 * The constants of the daemon's wire protocol (docs/daemon.md, "Protocol"). Every frame starts
 * with a 12-byte header: magic {@code "JCNI"}, version, kind, descriptor count, a zero byte and
 * the body length, big-endian. The shim (manager/src/main/c/jcni-shim.c) has the same numbers.
 */
public final class Frames {
    /** {@code "JCNI"} in ASCII. */
    public static final int MAGIC = 0x4A434E49;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 12;
    /** Largest body the daemon accepts; a larger request closes the connection. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** A plugin call: type, environment, stdin, then 1 or 2 descriptors after the ack. */
    public static final int KIND_CALL = 1;
    /** A status question (empty body); answered at once with a reply whose stdout is the report. */
    public static final int KIND_STATUS = 2;
    /** The daemon's answer: exit status, stdout, stderr. */
    public static final int KIND_REPLY = 0x81;

    /** The byte the daemon sends once a call frame is read: the client may send its descriptors. */
    public static final byte ACK = 0x06;
    /** Descriptors a call carries: the caller's network namespace, optionally the pod's. */
    public static final int MIN_FDS = 1;
    public static final int MAX_FDS = 2;

    private Frames() {
    }
}
