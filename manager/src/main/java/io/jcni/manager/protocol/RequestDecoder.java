package io.jcni.manager.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one request frame from the bytes received so far. Decides as early as the header allows:
 * a wrong magic, version or kind, or a body over {@link Frames#MAX_BODY_BYTES}, fails before
 * the body arrives, so a hostile client cannot make the daemon buffer more than the limit.
 */
public final class RequestDecoder {
    private RequestDecoder() {
    }

    /**
     * @return the frame when all of it is in {@code in} (its bytes are consumed), empty when more
     *         is needed (nothing is consumed)
     */
    public static Optional<RequestFrame> decode(ByteBuf in) throws ProtocolException {
        if (in.readableBytes() < 4) {
            return Optional.empty();
        }
        int start = in.readerIndex();
        int magic = in.getInt(start);
        if (magic != Frames.MAGIC) {
            throw new ProtocolException(String.format("bad magic 0x%08x", magic));
        }
        if (in.readableBytes() < Frames.HEADER_BYTES) {
            return Optional.empty();
        }
        int version = in.getUnsignedByte(start + 4);
        int kind = in.getUnsignedByte(start + 5);
        int fdCount = in.getUnsignedByte(start + 6);
        long bodyLength = in.getUnsignedInt(start + 8);
        if (version != Frames.VERSION) {
            throw new ProtocolException("protocol version " + version + " (this daemon speaks " + Frames.VERSION + ")");
        }
        if (bodyLength > Frames.MAX_BODY_BYTES) {
            throw new ProtocolException("frame of " + bodyLength + " bytes exceeds the limit of "
                    + Frames.MAX_BODY_BYTES);
        }
        switch (kind) {
            case Frames.KIND_CALL -> {
                if (fdCount < Frames.MIN_FDS || fdCount > Frames.MAX_FDS) {
                    throw new ProtocolException("a call carries 1 or 2 descriptors, not " + fdCount);
                }
            }
            case Frames.KIND_STATUS -> {
                if (fdCount != 0 || bodyLength != 0) {
                    throw new ProtocolException("a status request has no body and no descriptors");
                }
            }
            default -> throw new ProtocolException("unknown frame kind " + kind);
        }
        if (in.readableBytes() < Frames.HEADER_BYTES + bodyLength) {
            return Optional.empty();
        }
        ByteBuf body = in.slice(start + Frames.HEADER_BYTES, (int) bodyLength);
        RequestFrame frame = kind == Frames.KIND_STATUS ? new StatusFrame() : call(body, fdCount);
        in.skipBytes(Frames.HEADER_BYTES + (int) bodyLength);
        return Optional.of(frame);
    }

    private static CallFrame call(ByteBuf body, int fdCount) throws ProtocolException {
        need(body, 2, "type length");
        String type = text(body, body.readUnsignedShort(), "type");
        if (type.isEmpty() || type.contains("/")) {
            throw new ProtocolException("invalid plugin type \"" + type + "\"");
        }
        need(body, 4, "environment count");
        long count = body.readUnsignedInt();
        Map<String, String> env = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            String entry = text(body, length(body, "environment entry"), "environment entry");
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ProtocolException("environment entry without a name: \"" + entry + "\"");
            }
            env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
        }
        byte[] stdin = new byte[length(body, "stdin")];
        body.readBytes(stdin);
        if (body.isReadable()) {
            throw new ProtocolException(body.readableBytes() + " bytes after the end of the call");
        }
        return new CallFrame(type, env, stdin, fdCount);
    }

    /** Reads a u32 length and checks that many bytes follow. */
    private static int length(ByteBuf body, String what) throws ProtocolException {
        need(body, 4, what + " length");
        long n = body.readUnsignedInt();
        if (n > body.readableBytes()) {
            throw new ProtocolException(what + ": length " + n + " runs past the end of the frame");
        }
        return (int) n;
    }

    private static String text(ByteBuf body, int n, String what) throws ProtocolException {
        need(body, n, what);
        return body.readCharSequence(n, StandardCharsets.UTF_8).toString();
    }

    private static void need(ByteBuf body, int n, String what) throws ProtocolException {
        if (body.readableBytes() < n) {
            throw new ProtocolException(what + ": frame ends early");
        }
    }
}
