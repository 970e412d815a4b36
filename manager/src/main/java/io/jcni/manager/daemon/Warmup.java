package io.jcni.manager.daemon;

import io.jcni.netlink.nftables.NftSocketPool;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.sys.Libc;
import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Log;
import io.jcni.plugin.Plugins;
import io.jcni.plugin.launch.Invocation;
import io.jcni.plugin.launch.Training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Warms the daemon's code up right after it starts, so the first real calls do not pay class
 * loading, interpretation and compilation: the AOT training's invocations ({@link Training}) once,
 * then {@code rounds} more bridge ADD/DEL pairs with masquerading, the calls a node makes most,
 * until the JIT compilers have seen them often enough (a few hundred pairs; docs/performance.md).
 * The bridge pairs run on a thread that first moves into a network namespace of its own, with a
 * second fresh namespace as the pod: both vanish with the warm-up, the daemon's namespace is never
 * touched. The thread runs at nice 10, so real calls beside it get the CPU first; a failure only
 * costs the warm-up; {@link #stop} ends it between two calls.
 */
final class Warmup {
    /** Bridge ADD/DEL pairs after the first pass, unless {@code jcni daemon run --warmup-rounds} says otherwise. */
    static final int DEFAULT_ROUNDS = 300;
    private static final int NICE = 10;

    private final Thread thread;
    private volatile boolean stopping;

    private Warmup(Plugins plugins, NftSocketPool nftSockets, DaemonLog log, Path scratch, int rounds) {
        this.thread = Thread.ofPlatform().name("jcni-warmup").daemon(true)
                .unstarted(() -> run(plugins, nftSockets, log, scratch, rounds));
    }

    /**
     * Starts the warm-up on a thread of its own; {@code scratch} (host-local's stores) is removed
     * first, as a daemon killed during its warm-up leaves it, and when done.
     */
    static Warmup start(Plugins plugins, NftSocketPool nftSockets, DaemonLog log, Path scratch, int rounds) {
        Warmup warmup = new Warmup(plugins, nftSockets, log, scratch, rounds);
        warmup.thread.start();
        return warmup;
    }

    /** Ends the warm-up after the call it is in, and waits for it. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    private void run(Plugins plugins, NftSocketPool nftSockets, DaemonLog log, Path scratch, int rounds) {
        long start = System.nanoTime();
        try {
            deleteTree(scratch);
            Files.createDirectories(scratch);
            Libc.setThreadNice(NICE);
            // This thread only: the host namespace of the bridge pair, gone when the thread ends.
            Libc.unshare(Libc.CLONE_NEWNET);
            Dispatcher dispatcher = new Dispatcher(plugins, Log.discard());
            int calls = 0;
            int failed = 0;
            try (NetNamespace pod = freshNamespace()) {
                List<Invocation> first = new ArrayList<>(Training.invocations(scratch, plugins.types()));
                List<Invocation> bridge = plugins.types().contains("bridge")
                        ? Training.bridge(scratch, Path.of("/proc/self/fd/" + pod.fd())) : List.of();
                first.addAll(bridge);
                for (int round = 0; round <= rounds && !stopping; round++) {
                    for (Invocation inv : round == 0 ? first : bridge) {
                        calls++;
                        int status = CallRunner.asCallThread(nftSockets,
                                () -> dispatcher.run(inv.env(), inv.stdin(), inv.type(), OutputStream.nullOutputStream()));
                        if (status != inv.exitStatus()) {
                            failed++;
                        }
                    }
                    if (failed > 0) {
                        break; // something in this machine refuses the pair: more rounds would only repeat it
                    }
                }
            }
            log.info("warmed up with " + calls + " in-process calls in " + (System.nanoTime() - start) / 1_000_000
                    + " ms" + (stopping ? " (stopped early)" : "") + (failed == 0 ? "" : " (" + failed + " did not end as expected)"));
        } catch (IOException | RuntimeException e) {
            log.warn("warm-up skipped: " + e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** A new network namespace, alive as long as the returned handle is open. */
    private static NetNamespace freshNamespace() {
        AtomicReference<NetNamespace> ns = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("jcni-warmup-pod").start(() -> {
            try {
                Libc.unshare(Libc.CLONE_NEWNET);
                ns.set(NetNamespace.current());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return ns.get();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
