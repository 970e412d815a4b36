package io.jcni.netlink.nftables;

import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps nf_tables sockets open between the calls of a long-running process (the daemon), per
 * network namespace, and closes them once unused for {@code idle}. The kernel's release of an
 * nfnetlink socket takes the namespace's nf_tables commit lock and waits out the deferred cleanup
 * of the last commit (an RCU grace period); a socket released after every call puts that wait in
 * front of the next call's commit (docs/performance.md). A pooled socket keeps its namespace
 * alive, hence the short idle time; its key, the namespace's nsfs inode, cannot be reused while
 * the namespace lives.
 *
 * <p>{@link Nftables#open} takes its socket from the pool bound by {@link #serving} on the calling
 * thread, and {@link Nftables#close} gives it back; outside that scope every open is a new socket.
 * Replies left by an earlier failed exchange cannot confuse a later one: each request has a fresh
 * sequence number and replies to others are dropped ({@link NetlinkSocket}).
 */
public final class NftSocketPool implements AutoCloseable {
    private static final ScopedValue<NftSocketPool> SERVING = ScopedValue.newInstance();
    /** Idle sockets kept per namespace; more are only needed while as many calls run at once. */
    private static final int PER_NAMESPACE = 4;

    private record Idle(NetlinkSocket socket, long since) {
    }

    private final long idleNanos;
    private final Map<Long, ArrayDeque<Idle>> idle = new HashMap<>();
    private boolean sweeping;
    private boolean closed;

    /** A pool that closes a socket once it has been unused for {@code idle}. */
    public NftSocketPool(Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle time must be positive, got " + idle);
        }
        this.idleNanos = idle.toNanos();
    }

    /** Runs {@code body} with {@link Nftables#open} on this thread taking its sockets from {@code pool}. */
    public static <T, X extends Throwable> T serving(NftSocketPool pool, ScopedValue.CallableOp<T, X> body) throws X {
        return ScopedValue.where(SERVING, Objects.requireNonNull(pool, "pool")).call(body);
    }

    /** The pool bound to the calling thread, if any. */
    static Optional<NftSocketPool> current() {
        return SERVING.isBound() ? Optional.of(SERVING.get()) : Optional.empty();
    }

    /** An idle socket of {@code namespace}, the most recently used, or a new one. */
    NetlinkSocket take(NetNamespace namespace) {
        synchronized (this) {
            ArrayDeque<Idle> sockets = idle.get(namespace.inode());
            if (sockets != null && !sockets.isEmpty()) {
                NetlinkSocket socket = sockets.pop().socket();
                if (sockets.isEmpty()) {
                    idle.remove(namespace.inode());
                }
                return socket;
            }
        }
        return namespace.openSocket(NetlinkProtocol.NETFILTER);
    }

    /**
     * Takes {@code socket} of the namespace with nsfs inode {@code inode} back; returns false when
     * the pool is closed or holds enough of that namespace's, and the caller closes it.
     */
    synchronized boolean giveBack(long inode, NetlinkSocket socket) {
        if (closed) {
            return false;
        }
        ArrayDeque<Idle> sockets = idle.computeIfAbsent(inode, k -> new ArrayDeque<>());
        if (sockets.size() >= PER_NAMESPACE) {
            return false;
        }
        sockets.push(new Idle(socket, System.nanoTime()));
        if (!sweeping) {
            sweeping = true;
            Thread.ofVirtual().name("nft-pool-sweep").start(this::sweep);
        }
        return true;
    }

    /** How many idle sockets the pool holds. */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Closes the sockets unused for the idle time, every idle time, until none is left. */
    private void sweep() {
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(idleNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<NetlinkSocket> expired = new ArrayList<>();
            boolean last;
            synchronized (this) {
                long now = System.nanoTime();
                idle.values().forEach(sockets -> sockets.removeIf(i -> {
                    boolean old = now - i.since() >= idleNanos;
                    if (old) {
                        expired.add(i.socket());
                    }
                    return old;
                }));
                idle.values().removeIf(ArrayDeque::isEmpty);
                last = idle.isEmpty();
                if (last) {
                    sweeping = false; // a socket given back from now on starts a new sweep
                }
            }
            expired.forEach(NetlinkSocket::close);
            if (last) {
                return;
            }
        }
    }

    /** Closes the idle sockets; sockets given back later are closed by their users. */
    @Override
    public void close() {
        List<NetlinkSocket> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(sockets -> sockets.forEach(i -> all.add(i.socket())));
            idle.clear();
        }
        all.forEach(NetlinkSocket::close);
    }
}
