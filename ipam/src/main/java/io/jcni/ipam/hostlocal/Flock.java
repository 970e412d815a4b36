package io.jcni.ipam.hostlocal;

import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.sys.Libc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An exclusive {@code flock(2)} on a file, held until {@link #close()}. The Go host-local plugin
 * locks its store with flock; {@code FileChannel.lock} takes an fcntl record lock, which flock
 * holders do not see, so this calls open/flock/close through the netlink module's {@link Libc}
 * (the one place jcni binds system calls).
 */
public final class Flock implements AutoCloseable {
    private static final int O_NOFOLLOW = 0400000;

    private int fd;

    private Flock(int fd) {
        this.fd = fd;
    }

    /**
     * Opens (creating it with {@code mode} if missing) and exclusively locks {@code file},
     * waiting for other holders.
     */
    public static Flock exclusive(Path file, int mode) throws IOException {
        int fd;
        try {
            fd = Libc.open(file.toString(), Libc.O_RDONLY | Libc.O_CREAT | Libc.O_CLOEXEC | O_NOFOLLOW, mode);
        } catch (ErrnoException e) {
            throw new IOException("open " + file + ": errno " + e.errno());
        }
        try {
            Libc.flock(fd, Libc.LOCK_EX); // retries EINTR
            return new Flock(fd);
        } catch (ErrnoException e) {
            closeQuietly(fd);
            throw new IOException("flock " + file + ": errno " + e.errno());
        }
    }

    /** Closing the descriptor drops the lock. */
    @Override
    public void close() {
        if (fd < 0) {
            return;
        }
        try {
            closeQuietly(fd);
        } finally {
            fd = -1;
        }
    }

    /** Linux releases the descriptor even when close fails, and the lock with it: nothing to report. */
    private static void closeQuietly(int fd) {
        try {
            Libc.close(fd);
        } catch (ErrnoException ignored) {
            // released regardless
        }
    }
}
