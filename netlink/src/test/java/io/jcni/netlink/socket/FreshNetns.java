package io.jcni.netlink.socket;

import io.jcni.netlink.sys.Libc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens a netlink socket inside a brand-new anonymous network namespace: a short-lived thread
 * unshares its namespace, opens the socket and ends. The namespace disappears when the socket
 * is closed, so nothing can be left behind and the root namespace is never touched.
 */
final class FreshNetns {
    private FreshNetns() {
    }

    static NetlinkSocket openSocket(NetlinkProtocol protocol) throws InterruptedException {
        return openSockets(protocol, 1).getFirst();
    }

    /** Several sockets in the same new namespace. */
    static List<NetlinkSocket> openSockets(NetlinkProtocol protocol, int count) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("fresh-netns").start(() -> {
            List<NetlinkSocket> sockets = new ArrayList<>();
            try {
                Libc.unshare(Libc.CLONE_NEWNET);
                for (int i = 0; i < count; i++) {
                    sockets.add(NetlinkSocket.open(protocol));
                }
                result.set(sockets);
            } catch (Throwable e) {
                sockets.forEach(NetlinkSocket::close);
                result.set(e);
            }
        });
        t.join();
        if (result.get() instanceof List<?> list) {
            return list.stream().map(NetlinkSocket.class::cast).toList();
        }
        throw new IllegalStateException("could not open sockets in a new namespace", (Throwable) result.get());
    }
}
