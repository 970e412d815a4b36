package io.jcni.netlink.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libc calls the netlink module needs, bound with the FFM API. Every wrapper checks the
 * return value and throws {@link ErrnoException} with the errno the call left behind (captured
 * by the linker right after the call, so nothing the JVM does in between can clobber it).
 * Calls interrupted by a signal (EINTR) are retried where retrying is safe.
 *
 * <p>The handles are immutable constants, each bound on first use; the class holds no other state.
 */
@SuppressWarnings("restricted") // binding native functions is what this class is for
public final class Libc {
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SOL_NETLINK = 270;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_CLOEXEC = 0x80000;

    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;

    public static final int CLONE_NEWNET = 0x40000000;

    private static final int PRIO_PROCESS = 0;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;
    private static final int MAP_ANONYMOUS = 0x20;

    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SHARED = 1 << 20;
    public static final int MNT_DETACH = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Every system call goes through glibc's syscall(2) with six arguments (the kernel ignores
    // those a call does not take): one downcall shape for all of them. The FFM linker generates
    // code for each distinct shape when it is first bound, about 15 ms of startup each that the
    // AOT cache cannot keep, and a plugin call used a dozen shapes. glibc's own wrappers for these
    // calls do nothing else (open is openat with AT_FDCWD), and syscall(2) sets errno the same way.
    private static final class Syscall {
        static final MethodHandle HANDLE = bind("syscall", FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    // Library functions, not system calls: each bound on first use (holder classes).
    private static final class IfNameToIndex {
        static final MethodHandle HANDLE = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class StrError {
        static final MethodHandle HANDLE = LINKER.downcallHandle(
                LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static final int AT_FDCWD = -100;

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, options);
    }

    /**
     * A pointer argument, with the checks the linker makes for its own address arguments: native
     * memory whose arena is open. Callers keep that arena open until the call returns (confined
     * arenas, or a shared one closed only under the same lock).
     */
    private static long address(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a system call needs native memory, not a heap segment");
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("Already closed");
        }
        return segment.address();
    }

    /** One system call; pointer arguments go through {@link #address(MemorySegment)}. */
    private static long syscall(MemorySegment state, SyscallNumber call, long a1, long a2, long a3, long a4,
            long a5, long a6) throws Throwable {
        return (long) Syscall.HANDLE.invokeExact(state, call.number(), a1, a2, a3, a4, a5, a6);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MemorySegment state(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** Wraps the Throwable that invokeExact declares; downcalls themselves throw nothing checked. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    public static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int fd = (int) syscall(st, SyscallNumber.SOCKET, domain, type, protocol, 0, 0, 0);
            if (fd < 0) {
                throw new ErrnoException(errno(st), "socket", "domain " + domain + " protocol " + protocol);
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void bind(int fd, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int r = (int) syscall(st, SyscallNumber.BIND, fd, address(address), address.byteSize(), 0, 0, 0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "bind", "fd " + fd);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Fills {@code address} (whose size is passed as the buffer length) with the socket's name. */
    public static void getsockname(int fd, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) address.byteSize());
            int r = (int) syscall(st, SyscallNumber.GETSOCKNAME, fd, address(address), address(len), 0, 0, 0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "getsockname", "fd " + fd);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setsockopt(int fd, int level, int option, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int r = (int) syscall(st, SyscallNumber.SETSOCKOPT, fd, level, option, address(value), value.byteSize(),
                    0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "setsockopt", "level " + level + " option " + option);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setsockopt(int fd, int level, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, option, arena.allocateFrom(JAVA_INT, value));
        }
    }

    /** sendto(2); {@code address} may be {@link MemorySegment#NULL} for a connected socket. */
    public static long sendto(int fd, MemorySegment buffer, long length, int flags, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int addrLen = address.equals(MemorySegment.NULL) ? 0 : (int) address.byteSize();
            while (true) {
                long n = syscall(st, SyscallNumber.SENDTO, fd, address(buffer), length, flags, address(address),
                        addrLen);
                if (n >= 0) {
                    return n;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "sendto", "fd " + fd);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** sendmsg(2) with a caller-built {@code struct msghdr}. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            while (true) {
                long n = syscall(st, SyscallNumber.SENDMSG, fd, address(msghdr), flags, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "sendmsg", "fd " + fd);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * recvfrom(2) without a source address. With {@link #MSG_TRUNC} the result is the datagram's
     * real length, which may exceed {@code length}.
     */
    public static long recvfrom(int fd, MemorySegment buffer, long length, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            while (true) {
                long n = syscall(st, SyscallNumber.RECVFROM, fd, address(buffer), length, flags, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "recvfrom", "fd " + fd);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** recvmsg(2) with a caller-built {@code struct msghdr}. */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            while (true) {
                long n = syscall(st, SyscallNumber.RECVMSG, fd, address(msghdr), flags, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "recvmsg", "fd " + fd);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2); {@code what} names the file in errors. */
    public static long read(int fd, MemorySegment buffer, long length, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            while (true) {
                long n = syscall(st, SyscallNumber.READ, fd, address(buffer), length, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "read", what);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(2); {@code what} names the file in errors. */
    public static long write(int fd, MemorySegment buffer, long length, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            while (true) {
                long n = syscall(st, SyscallNumber.WRITE, fd, address(buffer), length, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "write", what);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** close(2). Not retried on EINTR: on Linux the descriptor is released regardless. */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int r = (int) syscall(st, SyscallNumber.CLOSE, fd, 0, 0, 0, 0, 0);
            if (r < 0 && errno(st) != Errno.EINTR) {
                throw new ErrnoException(errno(st), "close", "fd " + fd);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setns(2) for the calling thread only. */
    public static void setns(int fd, int nstype, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int r = (int) syscall(st, SyscallNumber.SETNS, fd, nstype, 0, 0, 0, 0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "setns", what);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** unshare(2) for the calling thread only. */
    public static void unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int r = (int) syscall(st, SyscallNumber.UNSHARE, flags, 0, 0, 0, 0, 0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "unshare", "flags 0x" + Integer.toHexString(flags));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets the nice value of the calling thread only (setpriority(2) on its thread id: Linux
     * schedules threads, not processes); threads it starts afterwards inherit it.
     */
    public static void setThreadNice(int nice) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            long tid = syscall(st, SyscallNumber.GETTID, 0, 0, 0, 0, 0, 0);
            if (syscall(st, SyscallNumber.SETPRIORITY, PRIO_PROCESS, tid, nice, 0, 0, 0) < 0) {
                throw new ErrnoException(errno(st), "setpriority", "thread " + tid);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            MemorySegment p = arena.allocateFrom(path);
            while (true) {
                int fd = (int) syscall(st, SyscallNumber.OPENAT, AT_FDCWD, address(p), flags, mode, 0, 0);
                if (fd >= 0) {
                    return fd;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "open", path);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(String path, int flags) {
        return open(path, flags, 0);
    }

    public static void flock(int fd, int operation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            while (true) {
                int r = (int) syscall(st, SyscallNumber.FLOCK, fd, operation, 0, 0, 0, 0);
                if (r >= 0) {
                    return;
                }
                int e = errno(st);
                if (e != Errno.EINTR) {
                    throw new ErrnoException(e, "flock", "fd " + fd);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** if_nametoindex(3) in the calling thread's network namespace. */
    public static int ifNameToIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int index = (int) IfNameToIndex.HANDLE.invokeExact(st, arena.allocateFrom(name));
            if (index == 0) {
                throw new ErrnoException(errno(st), "if_nametoindex", name);
            }
            return index;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mount(2); {@code source} and {@code fstype} may be null. */
    public static void mount(String source, String target, String fstype, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            MemorySegment src = source == null ? MemorySegment.NULL : arena.allocateFrom(source);
            MemorySegment fs = fstype == null ? MemorySegment.NULL : arena.allocateFrom(fstype);
            int r = (int) syscall(st, SyscallNumber.MOUNT, address(src), address(arena.allocateFrom(target)),
                    address(fs), flags, 0, 0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "mount", (source == null ? "" : source + " on ") + target);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void umount2(String target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            int r = (int) syscall(st, SyscallNumber.UMOUNT2, address(arena.allocateFrom(target)), flags, 0, 0, 0, 0);
            if (r < 0) {
                throw new ErrnoException(errno(st), "umount", target);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Private anonymous memory of {@code size} bytes, zero-filled and touched lazily, that lives
     * until {@link #unmap}: native memory with an explicit lifetime that any thread may use and
     * release. (A shared arena would do the same, but closing one stops every thread of the JVM for
     * a handshake, once per netlink socket.) The caller guarantees no use after {@link #unmap}.
     */
    public static MemorySegment mapAnonymous(long size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            long address = syscall(st, SyscallNumber.MMAP, 0, size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (address == -1) {
                throw new ErrnoException(errno(st), "mmap", size + " bytes");
            }
            return MemorySegment.ofAddress(address).reinterpret(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Releases memory of {@link #mapAnonymous}. */
    public static void unmap(MemorySegment mapped) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = state(arena);
            if (syscall(st, SyscallNumber.MUNMAP, mapped.address(), mapped.byteSize(), 0, 0, 0, 0) < 0) {
                throw new ErrnoException(errno(st), "munmap", mapped.byteSize() + " bytes");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** strerror(3): the C library's description of an errno, e.g. "File exists". */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) StrError.HANDLE.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? Errno.name(errno) : s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Layout of {@code struct sockaddr_nl}. */
    public static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("nl_family"),
            ValueLayout.JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups"));
}
