package io.jcni.netlink.link;

import io.jcni.netlink.event.EventGroup;
import io.jcni.netlink.event.EventSubscription;
import io.jcni.netlink.event.EventsLostException;
import io.jcni.netlink.event.LinkEvent;
import io.jcni.netlink.event.NetlinkEvent;
import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Deletes a link and returns as soon as the kernel has taken it, and a veth's peer, out of their
 * namespaces, without sitting through the rest of the teardown.
 *
 * <p>An {@code RTM_DELLINK} request returns only after the kernel has waited for an RCU grace
 * period and for the device's last references (10-20 ms of a pod's DEL; docs/performance.md).
 * Long before that, the kernel unlists every device of the deletion (a veth and its peer), runs
 * their unregister notifiers (addresses, routes, bridge ports go) and announces each on the link
 * multicast group, the deleted link first, its peer last. From that announcement on, nothing
 * about the devices is visible any more and their names and indexes are free; the deletion can no
 * longer fail. So the request runs on a thread of its own, and the caller returns on the
 * announcement of the last device, or with the request's own outcome when that comes first (an
 * error, or events lost on a busy node).
 */
public final class LinkRemoval {
    private static final Duration POLL = Duration.ofMillis(5);

    private LinkRemoval() {
    }

    /**
     * Deletes {@code target} and returns once the kernel announced the removal of
     * {@code announcedLast}: the target itself, or a veth target's peer (wherever it lives).
     *
     * @throws io.jcni.netlink.sys.ErrnoException as {@link Links#delete(int)} would
     */
    public static void delete(LinkRef target, LinkRef announcedLast) {
        try (EventSubscription events = EventSubscription.open(announcedLast.ns(), EnumSet.of(EventGroup.LINK))) {
            NetlinkSocket socket = target.ns().openSocket(NetlinkProtocol.ROUTE);
            CompletableFuture<Void> request = new CompletableFuture<>();
            Thread.ofPlatform().name("netlink-delete-link-" + target.index()).daemon(true).start(() -> {
                try (socket) {
                    new Links(socket).delete(target.index());
                    request.complete(null);
                } catch (RuntimeException | Error e) {
                    request.completeExceptionally(e);
                }
            });
            while (!request.isDone()) {
                Optional<NetlinkEvent> event;
                try {
                    event = events.poll(POLL);
                } catch (EventsLostException lost) {
                    break;
                }
                if (event.isPresent() && removes(event.get(), announcedLast.index())) {
                    return;
                }
            }
            outcome(request);
        }
    }

    private static boolean removes(NetlinkEvent event, int index) {
        return event instanceof LinkEvent l && l.change() == NetlinkEvent.Change.DELETED && l.link().index() == index;
    }

    private static void outcome(CompletableFuture<Void> request) {
        try {
            request.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting a link", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        }
    }
}
