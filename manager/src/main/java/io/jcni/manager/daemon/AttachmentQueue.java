package io.jcni.manager.daemon;

import io.jcni.conf.CniEnvironment;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls for one attachment (container ID and interface name) run one at a time, in the order
 * they arrived. A runtime that gives up on an ADD (timeout, its plugin process killed) sends DEL
 * next; in one-shot mode the killed process took its ADD with it, but here the ADD goes on in the
 * daemon after its shim died, and a DEL running beside it could finish first and leave what the
 * ADD writes afterwards (found by the reliability suite). Queued behind the ADD, the DEL removes
 * it. Calls without a container ID (VERSION, GC, STATUS) do not queue.
 */
final class AttachmentQueue {
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>(); // guarded by this

    /** Takes the call's place in its attachment's queue; called in arrival order (the event loop). */
    Turn enqueue(Map<String, String> env) {
        String containerId = env.get(CniEnvironment.CONTAINER_ID);
        if (containerId == null || containerId.isEmpty()) {
            return new Turn(this, null, null, null);
        }
        String key = containerId + '\0' + env.getOrDefault(CniEnvironment.IFNAME, "");
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = tails.put(key, mine);
        }
        return new Turn(this, key, previous, mine);
    }

    private synchronized void leave(String key, CompletableFuture<Void> mine) {
        tails.remove(key, mine);
    }

    /** A call's place: {@link #await} before the call runs, {@link #close} when it has ended. */
    static final class Turn implements AutoCloseable {
        private final AttachmentQueue queue;
        private final String key;
        private final CompletableFuture<Void> previous;
        private final CompletableFuture<Void> mine;

        private Turn(AttachmentQueue queue, String key, CompletableFuture<Void> previous, CompletableFuture<Void> mine) {
            this.queue = queue;
            this.key = key;
            this.previous = previous;
            this.mine = mine;
        }

        /** Waits until the calls of the same attachment that arrived earlier have ended. */
        void await() {
            if (previous != null) {
                previous.join(); // always completed normally, by close()
            }
        }

        @Override
        public void close() {
            if (mine != null) {
                queue.leave(key, mine);
                mine.complete(null);
            }
        }
    }
}
