package io.jcni.manager.protocol;

/** Writes request frames from Java: the command line's status question (calls come from the shim). */
public final class RequestEncoder {
    private RequestEncoder() {
    }

    public static byte[] status() {
        return header(Frames.KIND_STATUS, 0, 0);
    }

    static byte[] header(int kind, int fdCount, int bodyLength) {
        return new byte[] {'J', 'C', 'N', 'I', (byte) Frames.VERSION, (byte) kind, (byte) fdCount, 0,
                (byte) (bodyLength >>> 24), (byte) (bodyLength >>> 16), (byte) (bodyLength >>> 8), (byte) bodyLength};
    }
}
