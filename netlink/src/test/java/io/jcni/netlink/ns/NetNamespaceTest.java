package io.jcni.netlink.ns;

import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.wire.IfInfoMsg;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.RtnetlinkConstants;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetNamespaceTest {

    private static long threadNamespaceInode() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino")).longValue();
    }

    private static int linkCount(NetlinkSocket s) {
        MessageWriter w = new MessageWriter(RtnetlinkConstants.RTM_GETLINK, 0);
        new IfInfoMsg(0, 0, 0, 0, 0).writeTo(w);
        return s.dump("list links", "", w).size();
    }

    @Test
    void createdNamespaceIsANewNamespaceAndDeleteRemovesTheName() throws Exception {
        String name;
        long inode;
        try (ScratchNamespace scratch = ScratchNamespace.create("ns")) {
            name = scratch.name();
            assertTrue(name.startsWith("jt-ns-"), name);
            assertTrue(NetNamespace.exists(name));
            inode = scratch.namespace().inode();
            assertNotEquals(threadNamespaceInode(), inode);
            // The task's thread is inside the namespace; the caller's thread never was.
            assertEquals(inode, (long) scratch.namespace().call(NetNamespaceTest::threadNamespaceInode));
            assertNotEquals(inode, threadNamespaceInode());
            try (NetNamespace again = NetNamespace.openNamed(name)) {
                assertEquals(inode, again.inode());
            }
        }
        assertFalse(NetNamespace.exists(name));
        ErrnoException e = assertThrows(ErrnoException.class, () -> NetNamespace.delete(name));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("delete namespace " + name), e.getMessage());
    }

    @Test
    void aTakenNameIsEEXISTAndTheExistingNamespaceSurvives() {
        try (ScratchNamespace scratch = ScratchNamespace.create()) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> NetNamespace.create(scratch.name()));
            assertEquals(Errno.EEXIST, e.errno());
            assertEquals("create namespace", e.operation());
            assertEquals(scratch.name(), e.object());
            assertTrue(NetNamespace.exists(scratch.name()));
            assertEquals(1, (int) scratch.namespace().call(() -> {
                try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE)) {
                    return linkCount(s);
                }
            }));
        }
    }

    @Test
    void tasksRunOnAThreadThatIsDiscardedAfterwards() {
        try (ScratchNamespace scratch = ScratchNamespace.create()) {
            AtomicReference<Thread> used = new AtomicReference<>();
            scratch.namespace().run(() -> used.set(Thread.currentThread()));
            assertNotSame(Thread.currentThread(), used.get());
            assertFalse(used.get().isAlive());
            assertFalse(used.get().isVirtual());
        }
    }

    @Test
    void aThreadAlreadyInsideRunsTheTaskItself() throws Exception {
        try (ScratchNamespace scratch = ScratchNamespace.create()) {
            AtomicReference<Thread> outer = new AtomicReference<>();
            AtomicReference<Thread> inner = new AtomicReference<>();
            long inside = scratch.namespace().call(() -> {
                outer.set(Thread.currentThread());
                scratch.namespace().run(() -> inner.set(Thread.currentThread()));
                return threadNamespaceInode();
            });
            assertEquals(scratch.namespace().inode(), inside);
            assertSame(outer.get(), inner.get());
            assertNotEquals(scratch.namespace().inode(), threadNamespaceInode());
            NamespaceTaskException wrapped = assertThrows(NamespaceTaskException.class,
                    () -> scratch.namespace().call(() -> scratch.namespace().call(() -> {
                        throw new IOException("checked");
                    })));
            assertInstanceOf(IOException.class, wrapped.getCause());
        }
    }

    @Test
    void taskFailuresReachTheCaller() {
        try (ScratchNamespace scratch = ScratchNamespace.create()) {
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> scratch.namespace().run(() -> {
                throw boom;
            })));
            NamespaceTaskException wrapped = assertThrows(NamespaceTaskException.class,
                    () -> scratch.namespace().call(() -> {
                        throw new IOException("checked");
                    }));
            assertInstanceOf(IOException.class, wrapped.getCause());
        }
    }

    @Test
    void socketsOpenedThroughTheHandleStayInTheNamespace() {
        try (ScratchNamespace scratch = ScratchNamespace.create();
             NetlinkSocket s = scratch.namespace().openSocket(NetlinkProtocol.ROUTE)) {
            MessageWriter add = new MessageWriter(RtnetlinkConstants.RTM_NEWLINK, 0x600);
            new IfInfoMsg(0, 0, 0, 0, 0).writeTo(add);
            add.attrString(3, "jtbr0").nested(18, li -> li.attrString(1, "bridge"));
            s.execute("add bridge", "jtbr0", add);   // used from this (root-namespace) thread
            assertEquals(2, linkCount(s));
            int seenInside = scratch.namespace().call(() -> {
                try (NetlinkSocket inner = NetlinkSocket.open(NetlinkProtocol.ROUTE)) {
                    return linkCount(inner);
                }
            });
            assertEquals(2, seenInside);
        }
    }

    @Test
    void procPidNamespacesCanBeOpened() throws Exception {
        // A process holding its own fresh namespace, like a pause container.
        Process holder = new ProcessBuilder("unshare", "--net", "sleep", "60").start();
        try {
            Path nsFile = Path.of("/proc/" + holder.pid() + "/ns/net");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long rootInode = threadNamespaceInode();
            long inode = rootInode;
            // unshare(1) switches namespace right after it starts; wait for that.
            while (inode == rootInode && System.nanoTime() < deadline) {
                Thread.sleep(20);
                inode = ((Number) Files.getAttribute(nsFile, "unix:ino")).longValue();
            }
            try (NetNamespace ns = NetNamespace.open(nsFile)) {
                assertNotEquals(rootInode, ns.inode());
                try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
                    assertEquals(1, linkCount(s));
                }
            }
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void inSwitchingInPlaceScopeTheCallingThreadEntersAndComesBack() throws Exception {
        long own = threadNamespaceInode();
        try (ScratchNamespace scratch = ScratchNamespace.create()) {
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            long inside = NetNamespace.switchingInPlace(() -> scratch.namespace().call(() -> {
                ranOn.set(Thread.currentThread());
                return threadNamespaceInode();
            }));
            assertEquals(scratch.namespace().inode(), inside);
            assertSame(caller, ranOn.get(), "no thread started for the switch");
            assertEquals(own, threadNamespaceInode(), "back in its own namespace");
            // A failing task: the thread still comes back, the failure still arrives.
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> NetNamespace.switchingInPlace(
                    () -> scratch.namespace().call(() -> {
                        throw new IllegalStateException("inside " + threadNamespaceInode());
                    })));
            assertEquals("inside " + scratch.namespace().inode(), e.getMessage());
            assertEquals(own, threadNamespaceInode(), "back in its own namespace after a failure");
            // Outside the scope, a task runs on a fresh thread again.
            scratch.namespace().run(() -> ranOn.set(Thread.currentThread()));
            assertNotSame(caller, ranOn.get());
        }
    }

    @Test
    void threadsStartedInSwitchingInPlaceScopeStillGetFreshThreads() throws Exception {
        try (ScratchNamespace scratch = ScratchNamespace.create()) {
            AtomicReference<Thread> worker = new AtomicReference<>();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            NetNamespace.switchingInPlace(() -> {
                Thread t = Thread.ofPlatform().start(() -> {
                    worker.set(Thread.currentThread());
                    scratch.namespace().run(() -> ranOn.set(Thread.currentThread()));
                });
                t.join();
                return null;
            });
            assertNotSame(worker.get(), ranOn.get(), "the scope is not inherited by a thread the body starts");
        }
    }

    @Test
    void badNamesAreRejectedBeforeTouchingAnything() {
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.create("a/b"));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.create(".."));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.create(""));
    }
}
