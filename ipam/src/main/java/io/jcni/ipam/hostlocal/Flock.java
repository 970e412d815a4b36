package io.jcni.ipam.hostlocal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * An exclusive {@code flock(2)} on a file, held until {@link #close()}. The Go host-local plugin
 * locks its store with flock; {@code FileChannel.lock} takes an fcntl record lock, which flock
 * holders do not see, so this binds open/flock/close directly through the FFM API.
 */
public final class Flock implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int LOCK_EX = 2;
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle OPEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = LINKER.downcallHandle(
            LINKER.defaultLookup().find("flock").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private int fd;

    private Flock(int fd) {
        this.fd = fd;
    }

    /**
     * Opens (creating it with {@code mode} if missing) and exclusively locks {@code file},
     * waiting for other holders.
     */
    public static Flock exclusive(Path file, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment path = arena.allocateFrom(file.toString());
            int fd = (int) OPEN.invokeExact(state, path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode);
            if (fd < 0) {
                throw new IOException("open " + file + ": errno " + (int) ERRNO.get(state, 0L));
            }
            while (true) {
                int rc = (int) FLOCK.invokeExact(state, fd, LOCK_EX);
                if (rc == 0) {
                    return new Flock(fd);
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != EINTR) {
                    int ignored = (int) CLOSE.invokeExact(fd);
                    throw new IOException("flock " + file + ": errno " + errno);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("flock " + file, t);
        }
    }

    /** Closing the descriptor drops the lock. */
    @Override
    public void close() {
        if (fd < 0) {
            return;
        }
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close lock fd " + fd, t);
        } finally {
            fd = -1;
        }
    }
}
