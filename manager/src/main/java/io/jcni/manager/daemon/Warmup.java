package io.jcni.manager.daemon;

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
 * Runs the AOT training's invocations ({@link Training}) once in-process right after the daemon
 * starts, so the first real call does not pay class loading and interpretation (about a second).
 * The bridge pair runs on a thread that first moves into a network namespace of its own, with a
 * second fresh namespace as the pod: both vanish with the warm-up, the daemon's namespace is never
 * touched. Runs beside real calls; a failure only costs the warm-up; a stop waits for it.
 */
final class Warmup {
    private Warmup() {
    }

    /**
     * Starts the warm-up on a thread of its own; {@code scratch} (host-local's stores) is removed
     * first, as a daemon killed during its warm-up leaves it, and when done.
     */
    static Thread start(Plugins plugins, DaemonLog log, Path scratch) {
        return Thread.ofPlatform().name("jcni-warmup").daemon(true).start(() -> run(plugins, log, scratch));
    }

    private static void run(Plugins plugins, DaemonLog log, Path scratch) {
        long start = System.nanoTime();
        try {
            deleteTree(scratch);
            Files.createDirectories(scratch);
            // This thread only: the host namespace of the bridge pair, gone when the thread ends.
            Libc.unshare(Libc.CLONE_NEWNET);
            List<Invocation> invocations = new ArrayList<>(Training.invocations(scratch, plugins.types()));
            int failed = 0;
            try (NetNamespace pod = freshNamespace()) {
                if (plugins.types().contains("bridge")) {
                    invocations.addAll(Training.bridge(scratch, Path.of("/proc/self/fd/" + pod.fd())));
                }
                Dispatcher dispatcher = new Dispatcher(plugins, Log.discard());
                for (Invocation inv : invocations) {
                    if (dispatcher.run(inv.env(), inv.stdin(), inv.type(), OutputStream.nullOutputStream()) != inv.exitStatus()) {
                        failed++;
                    }
                }
            }
            log.info("warmed up with " + invocations.size() + " in-process calls in " + (System.nanoTime() - start) / 1_000_000
                    + " ms" + (failed == 0 ? "" : " (" + failed + " did not end as expected)"));
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
