package io.jcni.netlink.ns;

import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.sys.Libc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An open network namespace: a descriptor of its nsfs file, which keeps the namespace alive
 * while open. Work happens inside it in two ways, never by leaving a thread the caller owns in
 * another namespace: {@link #call} runs a task on a new platform thread that enters the namespace
 * and ends with the task (or on the calling thread when that is already inside, or when the
 * caller runs in {@link #switchingInPlace} scope: then the calling thread enters the namespace and
 * returns to its own after the task), and {@link #openSocket} opens a netlink socket there that
 * keeps working from any thread.
 *
 * <p>{@link #create} and {@link #delete} make and remove named namespaces the way
 * {@code ip netns add/delete} do (a bind mount on {@code /var/run/netns/NAME}).
 */
public final class NetNamespace implements AutoCloseable {
    /** Where named namespaces live, as with iproute2. */
    public static final Path RUN_DIR = Path.of("/var/run/netns");
    private static final String THREAD_SELF = "/proc/thread-self/ns/net";
    private static final ScopedValue<Boolean> IN_PLACE = ScopedValue.newInstance();

    private final Path path;
    private final int fd;
    private final long inode;
    private volatile boolean closed;

    private NetNamespace(Path path, int fd, long inode) {
        this.path = path;
        this.fd = fd;
        this.inode = inode;
    }

    /** Opens a namespace by file: {@code /var/run/netns/NAME}, {@code /proc/PID/ns/net}. */
    public static NetNamespace open(Path path) {
        int fd = Libc.open(path.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            long inode = inodeOf(path);
            return new NetNamespace(path, fd, inode);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Opens the named namespace {@code /var/run/netns/NAME}. */
    public static NetNamespace openNamed(String name) {
        return open(namedPath(name));
    }

    /** The namespace of the calling thread. */
    public static NetNamespace current() {
        return open(Path.of(THREAD_SELF));
    }

    /**
     * Creates the named namespace {@code /var/run/netns/NAME} like {@code ip netns add} and returns
     * it open. Fails with EEXIST when the name is taken; leaves nothing behind on failure.
     */
    public static NetNamespace create(String name) {
        Path target = namedPath(name);
        try {
            Files.createDirectories(RUN_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("create namespace " + name + ": cannot create " + RUN_DIR, e);
        }
        makeRunDirShared();
        // The mount point: an empty file, created exclusively so two creators cannot share a name.
        Libc.close(openOrContext(target.toString(), Libc.O_RDONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, name));
        try {
            onFreshThread("netns-create-" + name, () -> {
                Libc.unshare(Libc.CLONE_NEWNET);
                // /proc/self would name the thread group leader's namespace, not this thread's.
                Libc.mount(THREAD_SELF, target.toString(), "none", Libc.MS_BIND);
                return null;
            });
            return open(target);
        } catch (RuntimeException e) {
            try {
                Libc.umount2(target.toString(), Libc.MNT_DETACH);
            } catch (ErrnoException ignored) {
                // not mounted: nothing to undo
            }
            deleteQuietly(target);
            throw e instanceof ErrnoException x ? x.withContext("create namespace", name) : e;
        }
    }

    /**
     * Removes the name {@code /var/run/netns/NAME} (unmount and unlink), like {@code ip netns delete}.
     * The namespace itself goes away once nothing else holds it (open handles, sockets, processes).
     */
    public static void delete(String name) {
        Path target = namedPath(name);
        try {
            Libc.umount2(target.toString(), Libc.MNT_DETACH);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                throw e.withContext("delete namespace", name);
            }
            // EINVAL: not a mount point (a half-created name); still remove the file below.
        }
        try {
            Files.delete(target);
        } catch (NoSuchFileException e) {
            throw new ErrnoException(Errno.ENOENT, "delete namespace", name);
        } catch (IOException e) {
            throw new UncheckedIOException("delete namespace " + name, e);
        }
    }

    /** Whether {@code /var/run/netns/NAME} exists. */
    public static boolean exists(String name) {
        return Files.exists(namedPath(name));
    }

    private static Path namedPath(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")
                || name.length() > 255) {
            throw new IllegalArgumentException("invalid network namespace name: " + name);
        }
        return RUN_DIR.resolve(name);
    }

    /**
     * Bind mounts made on /var/run/netns must propagate to other mount namespaces (as iproute2
     * arranges), so the directory is made a shared mount, turning it into a mount point first if needed.
     */
    private static void makeRunDirShared() {
        String dir = RUN_DIR.toString();
        try {
            Libc.mount("", dir, "none", Libc.MS_SHARED | Libc.MS_REC);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e.withContext("make shared", dir);
            }
            Libc.mount(dir, dir, "none", Libc.MS_BIND | Libc.MS_REC);
            Libc.mount("", dir, "none", Libc.MS_SHARED | Libc.MS_REC);
        }
    }

    private static int openOrContext(String path, int flags, String name) {
        try {
            return Libc.open(path, flags, 0);
        } catch (ErrnoException e) {
            throw e.withContext("create namespace", name);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort cleanup after a failure that is already being reported
        }
    }

    private static long inodeOf(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException("stat " + p, e);
        }
    }

    /** The file this namespace was opened from. */
    public Path path() {
        return path;
    }

    /** The open descriptor (for IFLA_NET_NS_FD); valid until {@link #close}. */
    public int fd() {
        ensureOpen();
        return fd;
    }

    /** The nsfs inode number: equal inodes mean the same namespace. */
    public long inode() {
        return inode;
    }

    /**
     * Runs {@code task} on a new platform thread that enters this namespace first; the thread ends
     * with the task, so no thread ever returns to a pool while inside. When the calling thread is
     * already in this namespace the task runs right there, as no switch is needed. Runtime exceptions and errors
     * of the task are rethrown as they are; checked ones arrive wrapped in {@link NamespaceTaskException}.
     */
    public <T> T call(Callable<T> task) {
        ensureOpen();
        if (isCurrentThreadsNamespace()) {
            // Already inside (a daemon call's thread in the caller's namespace, a one-shot main
            // thread in the host's): no switch, so no thread; a fresh one costs a scheduling round
            // trip per sysctl or socket on a loaded machine.
            return inline(task);
        }
        if (IN_PLACE.isBound() && !Thread.currentThread().isVirtual()) {
            return switched(task);
        }
        return onFreshThread("netns-" + path.getFileName(), () -> {
            Libc.setns(fd, Libc.CLONE_NEWNET, path.toString());
            return task.call();
        });
    }

    /**
     * Runs {@code body} with {@link #call} switching the calling platform thread itself into a
     * namespace and back, instead of starting a thread per task: for a thread that its owner
     * discards when {@code body} ends (the daemon's per-call thread), where a fresh thread per
     * namespace switch costs more than the switch. Threads started inside do not inherit it.
     */
    public static <T, X extends Throwable> T switchingInPlace(ScopedValue.CallableOp<T, X> body) throws X {
        return ScopedValue.where(IN_PLACE, Boolean.TRUE).call(body);
    }

    private <T> T switched(Callable<T> task) {
        int home = Libc.open(THREAD_SELF, Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            Libc.setns(fd, Libc.CLONE_NEWNET, path.toString());
            try {
                return inline(task);
            } finally {
                returnTo(home);
            }
        } finally {
            Libc.close(home);
        }
    }

    private static void returnTo(int home) {
        try {
            Libc.setns(home, Libc.CLONE_NEWNET, "the thread's own namespace");
        } catch (ErrnoException e) {
            // Never seen (the descriptor is open and of the right type); the thread must not go on
            // working in the wrong namespace, and its owner discards it with this error.
            throw new IllegalStateException("cannot return to the thread's network namespace: " + e.getMessage(), e);
        }
    }

    /** {@link #call} for a task without a result. */
    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Opens a netlink socket inside this namespace; it stays bound to the namespace. */
    public NetlinkSocket openSocket(NetlinkProtocol protocol) {
        return call(() -> NetlinkSocket.open(protocol));
    }

    private boolean isCurrentThreadsNamespace() {
        return inodeOf(Path.of(THREAD_SELF)) == inode;
    }

    private <T> T inline(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new NamespaceTaskException("task in network namespace netns-" + path.getFileName() + " failed: " + e, e);
        }
    }

    private static <T> T onFreshThread(String name, Callable<T> body) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                result.set(body.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The task cannot be abandoned half-done inside a namespace: wait, then re-flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t == null) {
            return result.get();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new NamespaceTaskException("task in network namespace " + name + " failed: " + t, t);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("network namespace handle " + path + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return "netns " + path;
    }
}
