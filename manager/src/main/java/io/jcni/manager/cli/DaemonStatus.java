package io.jcni.manager.cli;

import io.jcni.manager.protocol.ProtocolException;
import io.jcni.manager.protocol.Reply;
import io.jcni.manager.protocol.RequestEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jcni daemon status}: asks the daemon over its socket; exit 3 when none answers. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the daemon's uptime, calls per type and verb, errors and latency; exits 3 when it is not running.")
final class DaemonStatus implements Callable<Integer> {
    /** As LSB init scripts say "not running". */
    static final int NOT_RUNNING = 3;

    @Mixin
    DaemonSocketOption socketOption;

    @Override
    public Integer call() {
        Path socket = socketOption.path();
        try {
            System.out.print(ask(socket));
            System.out.flush();
            return 0;
        } catch (IOException | ProtocolException e) {
            System.out.println("jcni daemon: not running (" + socket + ": " + e.getMessage() + ")");
            return NOT_RUNNING;
        }
    }

    /** The daemon's status report. */
    static String ask(Path socket) throws IOException, ProtocolException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(RequestEncoder.status()));
            Reply reply = Reply.read(Channels.newInputStream(ch));
            return new String(reply.stdout(), StandardCharsets.UTF_8);
        } catch (java.io.EOFException e) {
            throw new IOException("the daemon closed the connection without a reply", e);
        }
    }
}
