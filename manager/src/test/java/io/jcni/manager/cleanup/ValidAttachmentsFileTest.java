package io.jcni.manager.cleanup;

import io.jcni.conf.CniException;
import io.jcni.conf.ValidAttachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidAttachmentsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheCniGcFormat() throws IOException, CniException {
        Path f = Files.writeString(dir.resolve("valid.json"),
                "[{\"containerID\": \"c1\", \"ifname\": \"eth0\"}, {\"containerID\": \"c2\", \"ifname\": \"net1\"}]");
        assertEquals(Set.of(new ValidAttachment("c1", "eth0"), new ValidAttachment("c2", "net1")), ValidAttachmentsFile.read(f));
    }

    @Test
    void anEntryWithoutIfnameIsRejectedNamingItsIndex() throws IOException {
        Path f = Files.writeString(dir.resolve("valid.json"), "[{\"containerID\": \"c1\", \"ifname\": \"eth0\"}, {\"containerID\": \"c2\"}]");
        CniException e = assertThrows(CniException.class, () -> ValidAttachmentsFile.read(f));
        assertTrue(e.msg().contains("[1]"), e.msg());
    }

    @Test
    void notAListIsRejected() throws IOException {
        Path f = Files.writeString(dir.resolve("valid.json"), "{\"containerID\": \"c1\"}");
        assertThrows(CniException.class, () -> ValidAttachmentsFile.read(f));
    }
}
