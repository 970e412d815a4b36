package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcni.manager.protocol.Reply;
import io.jcni.manager.protocol.RequestEncoder;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Proves which path served a test class's jcni calls (auto-registered for every class through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}): in
 * {@link JcniMode#DAEMON} the daemon must still answer after the class and have served more
 * calls than before it (a daemon that died would let the shims fall back to the JVM silently);
 * in {@link JcniMode#ONE_SHOT} no daemon may answer on the shims' socket.
 */
public final class ServedBy implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern CALLS = Pattern.compile("(?m)^calls: (\\d+),");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ServedBy.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (JcniMode.current() == JcniMode.DAEMON) {
            OptionalLong calls = callsServed();
            assertTrue(calls.isPresent(), "jcni daemon is not running on " + JcniInstall.socket());
            context.getStore(NS).put("calls", calls.getAsLong());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        OptionalLong calls = callsServed();
        if (JcniMode.current() == JcniMode.ONE_SHOT) {
            assertFalse(calls.isPresent(), "a jcni daemon answered on " + JcniInstall.socket() + " in one-shot mode");
            return;
        }
        long before = context.getStore(NS).get("calls", Long.class);
        assertTrue(calls.isPresent(), "jcni daemon stopped answering during " + context.getDisplayName());
        assertTrue(calls.getAsLong() > before, "jcni daemon served no call of " + context.getDisplayName()
                + " (calls before " + before + ", after " + calls.getAsLong() + ")");
    }

    /** The daemon's count of calls served, or empty when none answers on the installed socket. */
    private static OptionalLong callsServed() {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(JcniInstall.socket()))) {
            ch.write(ByteBuffer.wrap(RequestEncoder.status()));
            String status = new String(Reply.read(Channels.newInputStream(ch)).stdout(), StandardCharsets.UTF_8);
            Matcher m = CALLS.matcher(status);
            if (!m.find()) {
                throw new IllegalStateException("jcni daemon status without a call count: " + status);
            }
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (IOException | io.jcni.manager.protocol.ProtocolException e) {
            return OptionalLong.empty();
        }
    }
}
