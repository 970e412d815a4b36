package io.jcni.manager.daemon;

import io.jcni.conf.CniEnvironment;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorJson;
import io.jcni.manager.protocol.CallFrame;
import io.jcni.manager.protocol.Reply;
import io.jcni.netlink.nftables.NftSocketPool;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.sys.Libc;
import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Log;
import io.jcni.plugin.Plugins;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one call as the caller would have run the plugin: on a fresh platform thread that first
 * enters the caller's network namespace (so the plugins' "current namespace", the processes they
 * start and the sysctls they write are the caller's), then the unchanged {@link Dispatcher} with
 * the caller's environment, stdout and stderr captured. The thread ends with the call, so no
 * thread ever serves another call while inside a foreign namespace; that is also why it may
 * switch into the pod's namespace and back itself ({@link NetNamespace#switchingInPlace}). Its
 * nf_tables sockets come from the daemon's {@link NftSocketPool}.
 */
final class CallRunner {
    private final Plugins plugins;
    private final Stats stats;
    private final String logPrefix = "jcni[" + ProcessHandle.current().pid() + "]";
    private final AtomicLong serial = new AtomicLong();
    private final AttachmentQueue attachments = new AttachmentQueue();
    private final NftSocketPool nftSockets;

    CallRunner(Plugins plugins, Stats stats, NftSocketPool nftSockets) {
        this.plugins = plugins;
        this.stats = stats;
        this.nftSockets = nftSockets;
    }

    /**
     * Starts the call; {@code done} receives the reply on the call's thread. The descriptors are
     * closed when the call ends. Called on the event loop, in the order calls arrive: a call waits
     * for the earlier calls of its attachment ({@link AttachmentQueue}).
     */
    void start(CallFrame call, ReceivedFds fds, Consumer<Reply> done) {
        AttachmentQueue.Turn turn = attachments.enqueue(call.env());
        try {
            startThread(call, fds, done, turn);
        } catch (RuntimeException | Error e) {
            // No thread (e.g. the system's thread limit): later calls of this attachment must not wait for it.
            turn.close();
            throw e;
        }
    }

    private void startThread(CallFrame call, ReceivedFds fds, Consumer<Reply> done, AttachmentQueue.Turn turn) {
        Thread.ofPlatform().name("jcni-call-" + serial.incrementAndGet()).daemon(false).start(() -> {
            turn.await();
            long start = System.nanoTime();
            Reply reply;
            try (fds; turn) {
                reply = run(call, fds);
            } catch (RuntimeException | Error e) {
                // The dispatcher reports every failure itself; this is a bug in the daemon's own
                // code. The caller still gets an answer, and the stop still sees the call end.
                reply = internalError("jcni daemon: " + e);
            }
            stats.call(call.type(), call.env().getOrDefault(CniEnvironment.COMMAND, "?"), reply.exitStatus(),
                    System.nanoTime() - start);
            done.accept(reply);
        });
    }

    private Reply run(CallFrame call, ReceivedFds fds) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            Libc.setns(fds.callerNetns(), Libc.CLONE_NEWNET, "the caller's network namespace");
        } catch (ErrnoException e) {
            return internalError("jcni daemon: cannot enter the caller's network namespace: " + e.getMessage());
        }
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        Log log = new Log(err, Log.fileFrom(call.env()), logPrefix);
        Optional<Path> podNetns = fds.podNetns().map(fd -> Path.of("/proc/self/fd/" + fd));
        int status = asCallThread(nftSockets,
                () -> new Dispatcher(plugins, log).run(call.env(), call.stdin(), call.type(), stdout, podNetns));
        err.flush();
        return new Reply(status, stdout.toByteArray(), stderr.toByteArray());
    }

    /**
     * Runs {@code body} as the daemon runs a call on its own thread (the warm-up too, so that it
     * compiles the same paths): the thread ends with the call, so it may enter the pod's namespace
     * and come back itself; nf_tables sockets come from {@code nftSockets}.
     */
    static <T, X extends Throwable> T asCallThread(NftSocketPool nftSockets, ScopedValue.CallableOp<T, X> body) throws X {
        return NftSocketPool.serving(nftSockets, () -> NetNamespace.switchingInPlace(body));
    }

    private static Reply internalError(String message) {
        CniException failure = new CniException(Dispatcher.INTERNAL_ERROR, message);
        return new Reply(Dispatcher.EXIT_ERROR, ErrorJson.write(failure, CniVersion.LATEST.text()), new byte[0]);
    }
}
