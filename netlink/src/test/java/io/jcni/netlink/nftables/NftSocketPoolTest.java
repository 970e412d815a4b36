package io.jcni.netlink.nftables;

import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jcni.netlink.nftables.ReferenceMasquerade.oneV4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's pool of nf_tables sockets, against the kernel in scratch namespaces. */
@ExtendWith(ScratchNamespaceExtension.class)
class NftSocketPoolTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void nftablesOpenedWhileServingGiveTheirSocketBackAndTheNextOpenReusesIt(ScratchNamespace ns) throws Exception {
        try (NftSocketPool pool = new NftSocketPool(LONG)) {
            NftSocketPool.serving(pool, () -> {
                try (Nftables nft = Nftables.open(ns.namespace())) {
                    nft.apply("add masquerade", ReferenceMasquerade.add(oneV4()));
                }
                assertEquals(1, pool.idleCount());
                try (Nftables nft = Nftables.open(ns.namespace())) {
                    assertEquals(0, pool.idleCount(), "the open took the idle socket");
                    assertEquals(List.of(ReferenceMasquerade.table().name()), nft.listTables().stream().map(NftTable::name).toList());
                }
                return null;
            });
            assertEquals(1, pool.idleCount());
            assertTrue(NftCli.run(ns, "list", "ruleset").contains(ReferenceMasquerade.ONE_V4_LINE));
        }
    }

    @Test
    void outsideServingNftablesUseSocketsOfTheirOwn(ScratchNamespace ns) {
        try (NftSocketPool pool = new NftSocketPool(LONG)) {
            assertTrue(NftSocketPool.current().isEmpty());
            try (Nftables nft = Nftables.open(ns.namespace())) {
                nft.listTables();
            }
            assertEquals(0, pool.idleCount());
        }
    }

    @Test
    void closingTwiceGivesTheSocketBackOnce(ScratchNamespace ns) throws Exception {
        try (NftSocketPool pool = new NftSocketPool(LONG)) {
            NftSocketPool.serving(pool, () -> {
                Nftables nft = Nftables.open(ns.namespace());
                nft.close();
                nft.close();
                return null;
            });
            assertEquals(1, pool.idleCount());
        }
    }

    @Test
    void aSocketIsOnlyReusedInItsOwnNamespace(ScratchNamespace a, ScratchNamespace b) {
        try (NftSocketPool pool = new NftSocketPool(LONG)) {
            NetlinkSocket ofA = pool.take(a.namespace());
            assertTrue(pool.giveBack(a.namespace().inode(), ofA));
            NetlinkSocket ofB = pool.take(b.namespace());
            assertNotSame(ofA, ofB);
            new Nftables(ofB).apply("add masquerade", ReferenceMasquerade.add(oneV4()));
            assertTrue(NftCli.run(b, "list", "ruleset").contains(ReferenceMasquerade.ONE_V4_LINE));
            assertEquals("", NftCli.run(a, "list", "ruleset").strip(), "the change went to b only");
            assertSame(ofA, pool.take(a.namespace()));
            ofA.close();
            ofB.close();
        }
    }

    @Test
    void socketsUnusedForTheIdleTimeAreClosed(ScratchNamespace ns) throws Exception {
        try (NftSocketPool pool = new NftSocketPool(Duration.ofMillis(100))) {
            NetlinkSocket socket = pool.take(ns.namespace());
            assertTrue(pool.giveBack(ns.namespace().inode(), socket));
            awaitClosed(socket);
            assertEquals(0, pool.idleCount());
            // A socket given back after the sweep ended starts a new one.
            NetlinkSocket next = pool.take(ns.namespace());
            assertNotSame(socket, next);
            assertTrue(pool.giveBack(ns.namespace().inode(), next));
            awaitClosed(next);
            assertEquals(0, pool.idleCount());
        }
    }

    @Test
    void atMostFourIdleSocketsPerNamespace(ScratchNamespace ns) {
        try (NftSocketPool pool = new NftSocketPool(LONG)) {
            List<NetlinkSocket> taken = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                taken.add(pool.take(ns.namespace()));
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(pool.giveBack(ns.namespace().inode(), taken.get(i)));
            }
            assertFalse(pool.giveBack(ns.namespace().inode(), taken.get(4)), "a fifth idle socket is the caller's to close");
            assertEquals(4, pool.idleCount());
            taken.get(4).close();
        }
    }

    @Test
    void closingThePoolClosesItsIdleSocketsAndTakesNoMoreBack(ScratchNamespace ns) {
        NftSocketPool pool = new NftSocketPool(LONG);
        NetlinkSocket idle = pool.take(ns.namespace());
        NetlinkSocket busy = pool.take(ns.namespace());
        assertTrue(pool.giveBack(ns.namespace().inode(), idle));
        pool.close();
        assertClosed(idle);
        assertFalse(pool.giveBack(ns.namespace().inode(), busy));
        assertEquals(0, pool.idleCount());
        busy.close();
    }

    @Test
    void theIdleTimeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new NftSocketPool(Duration.ZERO));
    }

    /** Waits up to 10 s for a background close of {@code socket}. */
    static void awaitClosed(NetlinkSocket socket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                socket.setReceiveTimeout(Duration.ofSeconds(1));
            } catch (IllegalStateException closed) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the socket is still open after 10 s");
            Thread.sleep(20);
        }
    }

    private static void assertClosed(NetlinkSocket socket) {
        assertThrows(IllegalStateException.class, () -> socket.setReceiveTimeout(Duration.ofSeconds(1)));
    }
}
