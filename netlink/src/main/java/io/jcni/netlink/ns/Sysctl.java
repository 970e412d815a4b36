package io.jcni.netlink.ns;

import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.sys.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Network sysctls of one namespace, e.g. {@code net/ipv4/ip_forward} or
 * {@code net/ipv6/conf/eth0/accept_dad}. Keys use slashes, as under /proc/sys (dots would be
 * ambiguous: interface names may contain them). The files are opened by a thread inside the
 * namespace, because /proc/sys/net shows the namespace of the thread that opens it.
 */
public final class Sysctl {
    private Sysctl() {
    }

    /** The value with its trailing newline removed. */
    public static String read(NetNamespace ns, String key) {
        String file = file(key);
        return ns.call(() -> {
            int fd = open(file, Libc.O_RDONLY, "read sysctl", key, ns);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(4096);
                long n = Libc.read(fd, buf, buf.byteSize(), file);
                String s = new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
                return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
            } catch (ErrnoException e) {
                throw e.withContext("read sysctl", key + " in " + ns);
            } finally {
                Libc.close(fd);
            }
        });
    }

    public static void write(NetNamespace ns, String key, String value) {
        String file = file(key);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ns.run(() -> {
            int fd = open(file, Libc.O_WRONLY, "write sysctl", key, ns);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
                MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
                Libc.write(fd, buf, bytes.length, file);
            } catch (ErrnoException e) {
                throw e.withContext("write sysctl", key + "=" + value + " in " + ns);
            } finally {
                Libc.close(fd);
            }
        });
    }

    private static int open(String file, int mode, String operation, String key, NetNamespace ns) {
        try {
            return Libc.open(file, mode | Libc.O_CLOEXEC);
        } catch (ErrnoException e) {
            throw e.withContext(operation, key + " in " + ns);
        }
    }

    private static String file(String key) {
        if (key == null || !key.startsWith("net/") || key.contains("..") || key.contains("//")) {
            throw new IllegalArgumentException("not a network sysctl key (net/...): " + key);
        }
        return "/proc/sys/" + key;
    }
}
