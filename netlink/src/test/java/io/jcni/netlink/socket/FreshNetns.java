package io.jcni.netlink.socket;

import io.jcni.netlink.sys.Libc;

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
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("fresh-netns").start(() -> {
            try {
                Libc.unshare(Libc.CLONE_NEWNET);
                result.set(NetlinkSocket.open(protocol));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.join();
        if (result.get() instanceof NetlinkSocket s) {
            return s;
        }
        throw new IllegalStateException("could not open socket in a new namespace", (Throwable) result.get());
    }
}
