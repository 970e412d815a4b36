package io.jcni.manager.daemon;

import io.jcni.netlink.nftables.NftSocketPool;
import io.jcni.plugin.Plugins;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The jcni daemon: serves plugin calls on a unix stream socket with netty's native epoll
 * transport (docs/daemon.md). One event-loop thread does all socket work; each call runs on a
 * thread of its own ({@link CallRunner}).
 */
public final class Daemon implements AutoCloseable {
    /** How long a client has to send its whole request (frame and descriptors). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Bridge ADD/DEL pairs of the warm-up after its first pass ({@link Warmup}). */
    public static final int DEFAULT_WARMUP_ROUNDS = Warmup.DEFAULT_ROUNDS;
    /**
     * How long an nf_tables socket stays open unused ({@link NftSocketPool}): calls of a burst of
     * pod starts share them; a sandbox namespace deleted by its owner lives on at most about twice this.
     */
    private static final Duration NFT_SOCKET_IDLE = Duration.ofSeconds(1);

    private final Path socket;
    private final DaemonLog log;
    private final EventLoopGroup group;
    private final Channel server;
    private final InFlight inFlight;
    private final Warmup warmup;
    private final NftSocketPool nftSockets;
    private boolean stopped;

    private Daemon(Path socket, DaemonLog log, EventLoopGroup group, Channel server, InFlight inFlight, Warmup warmup,
                   NftSocketPool nftSockets) {
        this.socket = socket;
        this.log = log;
        this.group = group;
        this.server = server;
        this.inFlight = inFlight;
        this.warmup = warmup;
        this.nftSockets = nftSockets;
    }

    /**
     * Listens on {@code socket}: creates its directory (0700) when missing, replaces a stale
     * socket file, refuses to start when a daemon answers there, makes the socket 0600. Then warms
     * itself up with {@code warmupRounds} in-process bridge ADD/DEL pairs in the background.
     */
    public static Daemon start(Path socket, DaemonLog log, Duration requestTimeout, int warmupRounds) throws IOException {
        SocketFile.prepare(socket);
        Stats stats = new Stats();
        InFlight inFlight = new InFlight();
        Plugins plugins = Plugins.load();
        NftSocketPool nftSockets = new NftSocketPool(NFT_SOCKET_IDLE);
        CallRunner runner = new CallRunner(plugins, stats, nftSockets);
        int ownUid = SocketFile.ownUid();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerDomainSocketChannel.class)
                    .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                        @Override
                        protected void initChannel(EpollDomainSocketChannel ch) {
                            ch.pipeline().addLast(new ConnectionHandler(runner, stats, log, requestTimeout, inFlight, ownUid));
                        }
                    })
                    .bind(new DomainSocketAddress(socket.toString()))
                    .syncUninterruptibly()
                    .channel();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            log.info("listening on " + socket);
            Warmup warmup = Warmup.start(plugins, nftSockets, log, Path.of(socket.toAbsolutePath() + ".warmup"), warmupRounds);
            return new Daemon(socket, log, group, server, inFlight, warmup, nftSockets);
        } catch (RuntimeException | IOException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /**
     * Stops accepting, lets the calls in flight finish and send their replies, then releases
     * the socket. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        log.info("stopping: no new connections; waiting for the calls in flight");
        server.close().syncUninterruptibly();
        try {
            inFlight.drain();
            warmup.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nftSockets.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("cannot remove " + socket + ": " + e.getMessage());
        }
        log.info("stopped");
    }
}
