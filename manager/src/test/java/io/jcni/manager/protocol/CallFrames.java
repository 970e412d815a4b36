package io.jcni.manager.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Call frames laid out as the shim writes them, for tests that play a client. */
public final class CallFrames {
    private CallFrames() {
    }

    public static byte[] call(String type, Map<String, String> env, byte[] stdin, int fdCount) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            byte[] t = type.getBytes(StandardCharsets.UTF_8);
            out.writeShort(t.length);
            out.write(t);
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                byte[] entry = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
                out.writeInt(entry.length);
                out.write(entry);
            }
            out.writeInt(stdin.length);
            out.write(stdin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = body.toByteArray();
        byte[] h = RequestEncoder.header(Frames.KIND_CALL, fdCount, b.length);
        byte[] frame = new byte[h.length + b.length];
        System.arraycopy(h, 0, frame, 0, h.length);
        System.arraycopy(b, 0, frame, h.length, b.length);
        return frame;
    }

}
