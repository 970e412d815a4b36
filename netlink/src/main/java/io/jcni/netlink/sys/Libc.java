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
 * <p>The handles are immutable constants; the class holds no other state.
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

    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SHARED = 1 << 20;
    public static final int MNT_DETACH = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = bind("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = bind("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = bind("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle RECVMSG = bind("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE = bind("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // open(2) is variadic: the mode is the first variadic argument.
    private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = bind("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MOUNT = bind("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 = bind("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, options);
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
            int fd = (int) SOCKET.invokeExact(st, domain, type, protocol);
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
            int r = (int) BIND.invokeExact(st, fd, address, (int) address.byteSize());
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
            int r = (int) GETSOCKNAME.invokeExact(st, fd, address, len);
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
            int r = (int) SETSOCKOPT.invokeExact(st, fd, level, option, value, (int) value.byteSize());
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
                long n = (long) SENDTO.invokeExact(st, fd, buffer, length, flags, address, addrLen);
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
                long n = (long) SENDMSG.invokeExact(st, fd, msghdr, flags);
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
                long n = (long) RECVFROM.invokeExact(st, fd, buffer, length, flags, MemorySegment.NULL, MemorySegment.NULL);
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
                long n = (long) RECVMSG.invokeExact(st, fd, msghdr, flags);
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
                long n = (long) READ.invokeExact(st, fd, buffer, length);
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
                long n = (long) WRITE.invokeExact(st, fd, buffer, length);
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
            int r = (int) CLOSE.invokeExact(st, fd);
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
            int r = (int) SETNS.invokeExact(st, fd, nstype);
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
            int r = (int) UNSHARE.invokeExact(st, flags);
            if (r < 0) {
                throw new ErrnoException(errno(st), "unshare", "flags 0x" + Integer.toHexString(flags));
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
                int fd = (int) OPEN.invokeExact(st, p, flags, mode);
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
                int r = (int) FLOCK.invokeExact(st, fd, operation);
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
            int index = (int) IF_NAMETOINDEX.invokeExact(st, arena.allocateFrom(name));
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
            int r = (int) MOUNT.invokeExact(st, src, arena.allocateFrom(target), fs, flags, MemorySegment.NULL);
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
            int r = (int) UMOUNT2.invokeExact(st, arena.allocateFrom(target), flags);
            if (r < 0) {
                throw new ErrnoException(errno(st), "umount", target);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** strerror(3): the C library's description of an errno, e.g. "File exists". */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
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
