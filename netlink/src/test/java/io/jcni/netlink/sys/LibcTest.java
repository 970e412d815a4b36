package io.jcni.netlink.sys;

import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw bindings the socket layer does not use on its hot path: sendmsg/recvmsg, flock, if_nametoindex, write. */
@ExtendWith(ScratchNamespaceExtension.class)
class LibcTest {

    @Test
    void sendmsgAndRecvmsgTalkToTheKernel(ScratchNamespace ns) {
        List<Message> replies = ns.namespace().call(() -> {
            int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NetlinkConstants.NETLINK_ROUTE);
            try (Arena arena = Arena.ofConfined()) {
                MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
                new IfInfoMsg(0, 0, 0, 0, 0).writeTo(w);
                w.attrString(IfLinkConstants.IFLA_IFNAME, "lo");
                byte[] request = w.toBytes(NetlinkConstants.NLM_F_REQUEST, 7);
                MemorySegment out = arena.allocate(request.length);
                MemorySegment.copy(request, 0, out, ValueLayout.JAVA_BYTE, 0, request.length);
                MemorySegment kernel = arena.allocate(Libc.SOCKADDR_NL);
                kernel.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
                // struct iovec {void *base; size_t len} and struct msghdr (56 bytes on 64-bit Linux)
                MemorySegment iov = arena.allocate(16, 8);
                iov.set(ValueLayout.ADDRESS, 0, out);
                iov.set(ValueLayout.JAVA_LONG, 8, request.length);
                MemorySegment msg = arena.allocate(56, 8);
                msg.set(ValueLayout.ADDRESS, 0, kernel);
                msg.set(ValueLayout.JAVA_INT, 8, (int) kernel.byteSize());
                msg.set(ValueLayout.ADDRESS, 16, iov);
                msg.set(ValueLayout.JAVA_LONG, 24, 1);
                assertEquals(request.length, Libc.sendmsg(fd, msg, 0));

                MemorySegment in = arena.allocate(65536);
                iov.set(ValueLayout.ADDRESS, 0, in);
                iov.set(ValueLayout.JAVA_LONG, 8, in.byteSize());
                msg.set(ValueLayout.ADDRESS, 0, MemorySegment.NULL);
                msg.set(ValueLayout.JAVA_INT, 8, 0);
                long n = Libc.recvmsg(fd, msg, 0);
                byte[] data = in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                return Message.parseAll(data, 0, data.length);
            } finally {
                Libc.close(fd);
            }
        });
        assertEquals(1, replies.size());
        assertEquals(RtnetlinkConstants.RTM_NEWLINK, replies.getFirst().type());
        assertEquals(7, replies.getFirst().seq());
        assertEquals(1, IfInfoMsg.read(replies.getFirst().body()).index());
    }

    @Test
    void ifNameToIndexLooksInTheCallingThreadsNamespace(ScratchNamespace ns) {
        assertEquals(1, (int) ns.namespace().call(() -> Libc.ifNameToIndex("lo")));
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> ns.namespace().call(() -> Libc.ifNameToIndex("eth0")));
        assertEquals(Errno.ENODEV, e.errno());
    }

    @Test
    void flockExcludesOtherDescriptors() throws Exception {
        Path file = Files.createTempFile("jcni-flock", ".lock");
        int a = Libc.open(file.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
        int b = Libc.open(file.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
        try {
            Libc.flock(a, Libc.LOCK_EX);
            ErrnoException busy = assertThrows(ErrnoException.class, () -> Libc.flock(b, Libc.LOCK_EX | Libc.LOCK_NB));
            assertEquals(Errno.EAGAIN, busy.errno());
            Libc.flock(a, Libc.LOCK_UN);
            Libc.flock(b, Libc.LOCK_EX | Libc.LOCK_NB);
            assertTrue(true);
        } finally {
            Libc.close(a);
            Libc.close(b);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void pointerArgumentsMustBeOpenNativeMemory() throws Exception {
        Path file = Files.createTempFile("jcni-libc", ".bin");
        int fd = Libc.open(file.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
        try {
            // System calls take raw addresses: a heap segment's address is no pointer, a closed
            // arena's memory is gone. Both are refused before the kernel sees them.
            assertThrows(IllegalArgumentException.class,
                    () -> Libc.write(fd, MemorySegment.ofArray(new byte[4]), 4, "heap"));
            MemorySegment closed;
            try (Arena arena = Arena.ofConfined()) {
                closed = arena.allocate(4);
            }
            MemorySegment gone = closed;
            assertThrows(IllegalStateException.class, () -> Libc.write(fd, gone, 4, "closed"));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment data = arena.allocateFrom("abc");
                assertEquals(4, Libc.write(fd, data, 4, file.toString()));
            }
            assertEquals("abc\0", Files.readString(file));
        } finally {
            Libc.close(fd);
            Files.deleteIfExists(file);
        }
    }
    @Test
    void mappedMemoryIsZeroedWritableAndReleased() {
        MemorySegment m = Libc.mapAnonymous(256 * 1024);
        assertEquals(256 * 1024, m.byteSize());
        assertEquals(0L, m.get(ValueLayout.JAVA_LONG, 128 * 1024));
        m.set(ValueLayout.JAVA_LONG, 256 * 1024 - 8, 42L);
        assertEquals(42L, m.get(ValueLayout.JAVA_LONG, 256 * 1024 - 8));
        Libc.unmap(m);
        ErrnoException e = assertThrows(ErrnoException.class, () -> Libc.unmap(MemorySegment.ofAddress(1).reinterpret(4096)));
        assertEquals(Errno.EINVAL, e.errno(), "an unaligned address is refused by the kernel with its errno");
    }

    @Test
    void threadNiceAppliesToTheCallingThreadOnly() throws Exception {
        AtomicReference<String> niced = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            Libc.setThreadNice(7);
            try {
                niced.set(Files.readString(Path.of("/proc/thread-self/stat")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.join();
        assertEquals("7", niceField(niced.get()));
        assertEquals("0", niceField(Files.readString(Path.of("/proc/thread-self/stat"))), "the caller's own nice is unchanged");
    }

    /** Field 19 of /proc/.../stat (after the parenthesised command name, which may hold spaces). */
    private static String niceField(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
    }
}
