package io.jcni.manager.daemon;

import io.jcni.manager.protocol.CallFrame;
import io.jcni.manager.protocol.Frames;
import io.jcni.manager.protocol.ProtocolException;
import io.jcni.manager.protocol.Reply;
import io.jcni.manager.protocol.RequestFrame;
import io.jcni.manager.protocol.RequestDecoder;
import io.jcni.manager.protocol.StatusFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.PeerCredentials;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection, one request: checks the peer, reads the frame in byte mode, switches
 * the channel to descriptor mode before acknowledging (so no descriptor-carrying byte is ever
 * read as plain bytes, which would drop the descriptor), collects the descriptors, runs the call
 * and writes the reply. Anything unexpected closes this connection only. Runs on the event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private enum State { FRAME, DESCRIPTORS, RUNNING }

    private final CallRunner runner;
    private final Stats stats;
    private final DaemonLog log;
    private final Duration requestTimeout;
    private final InFlight inFlight;
    private final int ownUid;

    private State state = State.FRAME;
    private ByteBuf received;
    private CallFrame call;
    private final ReceivedFds fds = new ReceivedFds();
    private ScheduledFuture<?> deadline;
    private String peer = "peer ?";

    ConnectionHandler(CallRunner runner, Stats stats, DaemonLog log, Duration requestTimeout, InFlight inFlight, int ownUid) {
        this.runner = runner;
        this.stats = stats;
        this.log = log;
        this.requestTimeout = requestTimeout;
        this.inFlight = inFlight;
        this.ownUid = ownUid;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        PeerCredentials cred;
        try {
            cred = ((EpollDomainSocketChannel) ctx.channel()).peerCredentials();
        } catch (IOException e) {
            log.warn("cannot read the peer's credentials (SO_PEERCRED): " + e.getMessage() + "; connection closed");
            ctx.close();
            return;
        }
        peer = "peer pid " + cred.pid() + " uid " + cred.uid();
        if (cred.uid() != 0 && cred.uid() != ownUid) {
            stats.refusedPeer();
            log.warn("refused " + peer + ": only uid 0 or " + ownUid + " is served");
            ctx.close();
            return;
        }
        received = ctx.alloc().buffer();
        deadline = ctx.executor().schedule(() -> {
            stats.brokenRequest();
            log.warn(peer + ": request not complete after " + requestTimeout.toMillis() + " ms (stalled); connection closed");
            ctx.close();
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (state) {
                case FRAME -> frameBytes(ctx, msg);
                case DESCRIPTORS -> descriptor(ctx, msg);
                case RUNNING -> {
                    // Bytes after the request: ignored; the reply still goes out.
                }
            }
        } catch (ProtocolException e) {
            broken(ctx, e.getMessage());
        } finally {
            if (!(msg instanceof FileDescriptor)) {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private void frameBytes(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        if (!(msg instanceof ByteBuf bytes)) {
            if (msg instanceof FileDescriptor fd) {
                closeQuietly(fd);
            }
            throw new ProtocolException("descriptor before the request frame");
        }
        received.writeBytes(bytes);
        Optional<RequestFrame> frame = RequestDecoder.decode(received);
        if (frame.isEmpty()) {
            return;
        }
        if (received.isReadable()) {
            throw new ProtocolException(received.readableBytes() + " bytes after the frame, before the ack");
        }
        switch (frame.get()) {
            case StatusFrame s -> {
                cancelDeadline();
                state = State.RUNNING;
                reply(ctx, new Reply(0, stats.report().getBytes(StandardCharsets.UTF_8), new byte[0]));
            }
            case CallFrame c -> {
                call = c;
                state = State.DESCRIPTORS;
                ((EpollDomainSocketChannel) ctx.channel()).config().setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {Frames.ACK}));
            }
        }
    }

    private void descriptor(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        if (!(msg instanceof FileDescriptor fd)) {
            throw new ProtocolException("bytes where a descriptor was expected");
        }
        fds.add(fd);
        if (fds.count() < call.fdCount()) {
            return;
        }
        cancelDeadline();
        state = State.RUNNING;
        if (!inFlight.enter()) {
            fds.close();
            log.warn(peer + ": call refused, the daemon is stopping");
            ctx.close();
            return;
        }
        // The call counts as in flight until its reply is written (or the client is gone).
        runner.start(call, fds, reply -> ctx.channel().eventLoop().execute(() ->
                ctx.writeAndFlush(reply.encode(ctx.alloc())).addListener(f -> {
                    inFlight.exit();
                    ctx.close();
                })));
    }

    private void reply(ChannelHandlerContext ctx, Reply reply) {
        ctx.writeAndFlush(reply.encode(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
    }

    private void broken(ChannelHandlerContext ctx, String why) {
        stats.brokenRequest();
        log.warn(peer + ": " + why + "; connection closed");
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        if (received != null) {
            received.release();
            received = null;
        }
        if (state != State.RUNNING) {
            fds.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn(peer + ": " + cause + "; connection closed");
        ctx.close();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private static void closeQuietly(FileDescriptor fd) {
        try {
            fd.close();
        } catch (IOException ignored) {
            // nothing to do about it
        }
    }
}
