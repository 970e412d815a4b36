package io.jcni.ipam.hostlocal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlockTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheLockFileWithTheGivenMode() throws Exception {
        Path lock = tmp.resolve("lock");
        try (Flock ignored = Flock.exclusive(lock, 0600)) {
            assertTrue(Files.exists(lock));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(lock)));
        }
    }

    @Test
    void failuresNameTheFileAndErrno() {
        IOException e = assertThrows(IOException.class, () -> Flock.exclusive(tmp.resolve("no/such/dir/lock"), 0600));
        assertTrue(e.getMessage().contains("no/such/dir/lock") && e.getMessage().contains("errno 2"), e.getMessage());
    }

    @Test
    void refusesToFollowASymlink() throws Exception {
        Path target = Files.createFile(tmp.resolve("elsewhere"));
        Path lock = Files.createSymbolicLink(tmp.resolve("lock"), target);
        IOException e = assertThrows(IOException.class, () -> Flock.exclusive(lock, 0600));
        assertTrue(e.getMessage().contains("errno 40"), e.getMessage()); // ELOOP
    }

    /** Two descriptors in one process exclude each other too, so threads serialise like processes. */
    @Test
    void excludesAnotherHolderUntilClosed() throws Exception {
        Path lock = tmp.resolve("lock");
        AtomicBoolean acquired = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread other;
        try (Flock first = Flock.exclusive(lock, 0600)) {
            other = Thread.ofPlatform().start(() -> {
                try (Flock second = Flock.exclusive(lock, 0600)) {
                    acquired.set(true);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
            assertFalse(done.await(300, TimeUnit.MILLISECONDS), "second holder must wait");
            assertFalse(acquired.get());
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "second holder gets the lock once the first closes");
        assertTrue(acquired.get());
        other.join();
    }
}
