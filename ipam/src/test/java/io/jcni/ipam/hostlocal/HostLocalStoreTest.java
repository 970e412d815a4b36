package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.jcni.ipam.hostlocal.Ranges.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostLocalStoreTest {
    @TempDir
    Path data;

    @Test
    void layoutIsTheReferenceOne() throws Exception {
        HostLocalStore store = HostLocalStore.of(data, "net1");
        try (HostLocalStore.Locked s = store.lock()) {
            assertTrue(s.reserve(ip("10.1.2.2"), "c1", "eth0", 0));
            assertTrue(s.reserve(ip("2001:db8:0:0:0:0:0:2"), "c1", "eth0", 1));
        }
        Path dir = data.resolve("net1");
        assertArrayEquals("c1\r\neth0".getBytes(), Files.readAllBytes(dir.resolve("10.1.2.2")));
        assertArrayEquals("c1\r\neth0".getBytes(), Files.readAllBytes(dir.resolve("2001:db8::2")));
        assertEquals("10.1.2.2", Files.readString(dir.resolve("last_reserved_ip.0")));
        assertEquals("2001:db8::2", Files.readString(dir.resolve("last_reserved_ip.1")));
        assertTrue(Files.exists(dir.resolve("lock")));
    }

    @Test
    void aTemporaryFileOfAKilledCallIsNoReservationAndTheNextCallRemovesIt() throws Exception {
        HostLocalStore store = HostLocalStore.of(data, "net1");
        Path dir = data.resolve("net1");
        Files.createDirectories(dir);
        // what a call killed between writing and linking leaves: half an entry, under a temporary name
        Files.writeString(dir.resolve(HostLocalStore.TEMP_PREFIX + "10.1.2.2"), "c1\r");
        try (HostLocalStore.Locked s = store.lock()) {
            assertEquals(List.of(), s.reservations());
            assertFalse(s.isReserved(ip("10.1.2.2")));
            assertTrue(s.reserve(ip("10.1.2.2"), "c2", "eth0", 0));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("10.1.2.2", "last_reserved_ip.0", "lock"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals("c2\r\neth0".getBytes(), Files.readAllBytes(dir.resolve("10.1.2.2")));
    }

    @Test
    void aStoreSwappedForASymbolicLinkIsRefusedAndNothingIsWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(data.resolve("elsewhere"));
        Files.createSymbolicLink(data.resolve("net1"), elsewhere);
        CniException e = assertThrows(CniException.class, () -> HostLocalStore.of(data, "net1").lock());
        assertEquals(5, e.code());
        assertTrue(e.msg().contains("symbolic link"), e.msg());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aTakenAddressIsNotOverwrittenAndLeavesNoTemporaryFile() throws Exception {
        HostLocalStore store = HostLocalStore.of(data, "net1");
        try (HostLocalStore.Locked s = store.lock()) {
            assertTrue(s.reserve(ip("10.1.2.2"), "c1", "eth0", 0));
            assertFalse(s.reserve(ip("10.1.2.2"), "c2", "eth0", 0));
        }
        Path dir = data.resolve("net1");
        assertArrayEquals("c1\r\neth0".getBytes(), Files.readAllBytes(dir.resolve("10.1.2.2")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(HostLocalStore.TEMP_PREFIX)));
        }
    }

    @Test
    void modesAreNoLooserThan0600And0755() throws Exception {
        HostLocalStore store = HostLocalStore.of(data.resolve("deep/er"), "net1");
        try (HostLocalStore.Locked s = store.lock()) {
            s.reserve(ip("10.1.2.2"), "c1", "eth0", 0);
        }
        Set<PosixFilePermission> groupOther = Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        Path dir = store.directory();
        for (String f : List.of("10.1.2.2", "last_reserved_ip.0", "lock")) {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir.resolve(f));
            assertTrue(p.stream().noneMatch(groupOther::contains), f + " " + p);
        }
        for (Path d : List.of(dir, dir.getParent(), dir.getParent().getParent())) {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(d);
            assertFalse(p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE),
                    d + " " + p);
        }
    }

    @Test
    void anExistingFileMeansTaken() throws Exception {
        HostLocalStore store = HostLocalStore.of(data, "net1");
        try (HostLocalStore.Locked s = store.lock()) {
            assertTrue(s.reserve(ip("10.1.2.2"), "c1", "eth0", 0));
            assertFalse(s.reserve(ip("10.1.2.2"), "c2", "eth0", 0));
            assertTrue(s.isReserved(ip("10.1.2.2")));
            assertEquals(Optional.of(ip("10.1.2.2")), s.lastReserved(0));
            assertEquals(Optional.empty(), s.lastReserved(1));
        }
        assertEquals("c1\r\neth0", Files.readString(store.directory().resolve("10.1.2.2")));
    }

    @Test
    void listsOnlyAddressFilesAndReadsLegacyContent() throws Exception {
        HostLocalStore store = HostLocalStore.of(data, "net1");
        try (HostLocalStore.Locked s = store.lock()) {
            s.reserve(ip("10.1.2.2"), "c1", "eth0", 0);
        }
        Files.writeString(store.directory().resolve("10.1.2.3"), "old\n");
        Files.writeString(store.directory().resolve("notes.txt"), "x");
        try (HostLocalStore.Locked s = store.lock()) {
            List<Reservation> all = s.reservations();
            assertEquals(2, all.size());
            assertTrue(all.contains(new Reservation(ip("10.1.2.2"), "c1", "eth0")));
            assertTrue(all.contains(new Reservation(ip("10.1.2.3"), "old", null)));
            assertEquals(List.of(new Reservation(ip("10.1.2.3"), "old", null)), s.heldBy("old", "eth0"));
            assertEquals(List.of(new Reservation(ip("10.1.2.2"), "c1", "eth0")), s.heldBy("c1", "eth0"));
            assertEquals(List.of(), s.heldBy("c1", "eth1"));
        }
    }

    @Test
    void escapingNamesAndDataDirsAreCode7() {
        for (String name : new String[] {"..", ".", "a/b", "../x", "a\0b", ""}) {
            CniException e = assertThrows(CniException.class, () -> HostLocalStore.of(data, name));
            assertEquals(7, e.code());
            assertTrue(e.msg().startsWith("name"), e.msg());
        }
        for (String dir : new String[] {"relative/dir", "/var/lib/../../etc", "/tmp/a\0b"}) {
            CniException e = assertThrows(CniException.class, () -> HostLocalStore.dataDir(dir));
            assertEquals(7, e.code());
            assertTrue(e.msg().startsWith("ipam.dataDir"), e.msg());
        }
    }

    @Test
    void dataDirDefaultsToTheReferenceOne() throws CniException {
        assertEquals(Path.of("/var/lib/cni/networks"), HostLocalStore.dataDir(null));
        assertEquals(Path.of("/srv/cni"), HostLocalStore.dataDir("/srv/cni/"));
    }

    /** The lock is a real flock: flock(1), as the Go plugin would, cannot take it while we hold it. */
    @Test
    void lockIsAFlockSeenByOtherProcesses() throws Exception {
        HostLocalStore store = HostLocalStore.of(data, "net1");
        Path lock = store.directory().resolve("lock");
        try (HostLocalStore.Locked s = store.lock()) {
            assertEquals(1, flockNonBlocking(lock), "flock -n must fail while we hold the lock");
        }
        assertEquals(0, flockNonBlocking(lock), "flock -n must succeed once released");
    }

    private static int flockNonBlocking(Path lock) throws Exception {
        Process p = new ProcessBuilder("flock", "-n", "-E", "1", lock.toString(), "true").inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
