package io.jcni.manager.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestDecoderTest {
    private static final byte[] STDIN = "{\"cniVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", "ADD");
        env.put("CNI_ARGS", "A=b=c");
        env.put("EMPTY", "");
        return env;
    }

    @Test
    void aCallRoundTripsWithItsEnvironmentInOrder() throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(CallFrames.call("bridge", env(), STDIN, 2));
        CallFrame call = assertInstanceOf(CallFrame.class, RequestDecoder.decode(in).orElseThrow());
        assertEquals("bridge", call.type());
        assertEquals(env(), call.env());
        assertEquals("[CNI_COMMAND, CNI_ARGS, EMPTY]", call.env().keySet().toString());
        assertArrayEquals(STDIN, call.stdin());
        assertEquals(2, call.fdCount());
        assertEquals(0, in.readableBytes(), "the whole frame is consumed");
    }

    @Test
    void aStatusQuestionIsAHeaderOnly() throws Exception {
        assertInstanceOf(StatusFrame.class, RequestDecoder.decode(Unpooled.wrappedBuffer(RequestEncoder.status())).orElseThrow());
    }

    @Test
    void everyTruncationWaitsForMoreAndConsumesNothing() throws Exception {
        byte[] frame = CallFrames.call("bridge", env(), STDIN, 1);
        for (int n = 0; n < frame.length; n++) {
            ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(frame, n));
            assertEquals(Optional.empty(), RequestDecoder.decode(in), "prefix of " + n + " bytes");
            assertEquals(n, in.readableBytes());
        }
    }

    @Test
    void garbageFailsOnItsFirstFourBytes() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> RequestDecoder.decode(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(e.getMessage().contains("bad magic 0x47455420"), e.getMessage());
    }

    @Test
    void anOversizedBodyFailsOnTheHeaderAlone() {
        byte[] header = RequestEncoder.header(Frames.KIND_CALL, 1, Frames.MAX_BODY_BYTES + 1);
        ProtocolException e = assertThrows(ProtocolException.class, () -> RequestDecoder.decode(Unpooled.wrappedBuffer(header)));
        assertTrue(e.getMessage().contains("exceeds the limit of 4194304"), e.getMessage());
    }

    @Test
    void wrongVersionKindOrDescriptorCountFail() {
        byte[] frame = CallFrames.call("bridge", env(), STDIN, 1);
        assertMalformed(with(frame, 4, 9), "protocol version 9");
        assertMalformed(with(frame, 5, 7), "unknown frame kind 7");
        assertMalformed(with(frame, 6, 0), "1 or 2 descriptors, not 0");
        assertMalformed(with(frame, 6, 3), "1 or 2 descriptors, not 3");
        assertMalformed(with(RequestEncoder.status(), 6, 1), "no body and no descriptors");
    }

    @Test
    void lengthsThatDisagreeWithTheFrameFail() {
        byte[] frame = CallFrames.call("bridge", env(), STDIN, 1);
        // The stdin length (the 4 bytes before stdin) claims one byte more than the frame holds.
        int stdinLength = frame.length - STDIN.length - 4;
        assertMalformed(with(frame, stdinLength + 3, STDIN.length + 1), "stdin: length 23 runs past the end");
        // A frame whose body is longer than its parts: trailing bytes.
        byte[] longer = Arrays.copyOf(frame, frame.length + 1);
        longer[11]++;
        assertMalformed(longer, "1 bytes after the end of the call");
        assertMalformed(CallFrames.call("a/b", env(), STDIN, 1), "invalid plugin type \"a/b\"");
        assertMalformed(CallFrames.call("bridge", Map.of("", "x"), STDIN, 1), "environment entry without a name");
    }

    @Test
    void aReplyRoundTrips() throws Exception {
        Reply r = new Reply(1, "out".getBytes(StandardCharsets.UTF_8), "err\n".getBytes(StandardCharsets.UTF_8));
        ByteBuf b = r.encode(io.netty.buffer.ByteBufAllocator.DEFAULT);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        Reply back = Reply.read(new ByteArrayInputStream(bytes));
        assertEquals(1, back.exitStatus());
        assertArrayEquals(r.stdout(), back.stdout());
        assertArrayEquals(r.stderr(), back.stderr());
    }

    private static byte[] with(byte[] frame, int index, int value) {
        byte[] copy = frame.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static void assertMalformed(byte[] frame, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> RequestDecoder.decode(Unpooled.wrappedBuffer(frame)));
        assertTrue(e.getMessage().contains(message), e.getMessage() + " should contain " + message);
    }
}
