package io.jcni.netlink.event;

import io.jcni.netlink.addr.Addresses;
import io.jcni.netlink.link.Links;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Link and address notifications of one network namespace, on a socket of its own that joined
 * the chosen multicast groups. Events that happen after {@link #open} returns are delivered in the
 * kernel's order by {@link #poll}. The caller drives it from one thread; {@link #close} waits for a
 * poll in progress (at most its timeout).
 *
 * <pre>{@code
 * try (EventSubscription events = EventSubscription.open(ns, EnumSet.of(EventGroup.LINK))) {
 *     Optional<NetlinkEvent> e = events.poll(Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public final class EventSubscription implements AutoCloseable {
    /** The shortest receive timeout we set: SO_RCVTIMEO 0 would mean "wait forever". */
    private static final Duration MIN_WAIT = Duration.ofMillis(1);

    private final NetlinkSocket socket;
    private final Set<EventGroup> groups;
    private final ArrayDeque<Message> pending = new ArrayDeque<>();

    private EventSubscription(NetlinkSocket socket, Set<EventGroup> groups) {
        this.socket = socket;
        this.groups = groups;
    }

    /** Subscribes to {@code groups} in {@code namespace}. */
    public static EventSubscription open(NetNamespace namespace, Set<EventGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("event groups must not be empty");
        }
        Set<EventGroup> copy = Set.copyOf(EnumSet.copyOf(groups));
        NetlinkSocket socket = namespace.openSocket(NetlinkProtocol.ROUTE);
        try {
            for (EventGroup g : copy) {
                try {
                    socket.joinGroup(g.number());
                } catch (ErrnoException e) {
                    throw e.withContext("subscribe to events", g + " in " + namespace);
                }
            }
            return new EventSubscription(socket, copy);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public Set<EventGroup> groups() {
        return groups;
    }

    /**
     * The next event, waiting up to {@code timeout} for one; empty when none arrived in time.
     *
     * @throws EventsLostException when the kernel dropped events; later polls continue with new ones
     */
    public Optional<NetlinkEvent> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (!pending.isEmpty()) {
                Optional<NetlinkEvent> event = decode(pending.poll());
                if (event.isPresent()) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Duration wait = Duration.ofNanos(left);
            socket.setReceiveTimeout(wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait);
            try {
                pending.addAll(socket.receive());
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    continue;
                }
                if (e.errno() == Errno.ENOBUFS) {
                    throw new EventsLostException("events of " + groups + " were lost: the kernel's socket buffer overflowed", e);
                }
                throw e;
            }
        }
    }

    /**
     * The event of a message, or empty for messages that are not link/address events (and for the
     * AF_BRIDGE copies of link notifications, which describe bridge ports rather than the link).
     */
    static Optional<NetlinkEvent> decode(Message m) {
        return switch (m.type()) {
            case RtnetlinkConstants.RTM_NEWLINK, RtnetlinkConstants.RTM_DELLINK -> {
                if (IfInfoMsg.read(m.body()).family() == RtnetlinkConstants.AF_BRIDGE) {
                    yield Optional.empty();
                }
                yield Optional.of(new LinkEvent(change(m, RtnetlinkConstants.RTM_DELLINK), Links.parse(m)));
            }
            case RtnetlinkConstants.RTM_NEWADDR, RtnetlinkConstants.RTM_DELADDR ->
                    Optional.of(new AddressEvent(change(m, RtnetlinkConstants.RTM_DELADDR), Addresses.parse(m)));
            default -> Optional.empty();
        };
    }

    private static NetlinkEvent.Change change(Message m, int deleteType) {
        return m.type() == deleteType ? NetlinkEvent.Change.DELETED : NetlinkEvent.Change.NEW;
    }

    @Override
    public void close() {
        socket.close();
    }
}
