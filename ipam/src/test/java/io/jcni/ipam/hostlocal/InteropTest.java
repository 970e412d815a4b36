package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Verb;
import io.jcni.conf.result.ResultCodec;
import io.jcni.ipam.IpamErrors;
import io.jcni.ipam.ReferencePlugin;
import io.jcni.ipam.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference Go host-local and ours serving one store, each releasing what the other allocated. */
class InteropTest {
    @TempDir
    Path tmp;

    private final HostLocal ours = new HostLocal();

    private String config() {
        return """
                {"cniVersion":"1.0.0","name":"shared","type":"bridge","ipam":{"type":"host-local","dataDir":"%s",
                "ranges":[[{"subnet":"10.6.0.0/29"}],[{"subnet":"2001:db8:6::/125"}]],"routes":[{"dst":"0.0.0.0/0"}]}}"""
                .formatted(tmp);
    }

    private String ourAdd(String id) throws CniException {
        return new String(ResultCodec.write(ours.add(Requests.of(Verb.ADD, id, config())), CniVersion.V1_0_0),
                StandardCharsets.UTF_8);
    }

    private ReferencePlugin.Outcome refRun(String command, String id) throws Exception {
        return ReferencePlugin.run("host-local", command, id, "eth0", null, config());
    }

    private List<String> addressFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("shared"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("l")).sorted().toList();
        }
    }

    @Test
    void allocateWithOneReleaseWithTheOther() throws Exception {
        ReferencePlugin.Outcome c1 = refRun("ADD", "c1");
        assertEquals(0, c1.exitCode(), c1.stdout());
        String c2 = ourAdd("c2"); // continues round-robin after the reference's last reservation
        ReferencePlugin.Outcome c3 = refRun("ADD", "c3"); // and the reference continues after ours
        assertEquals(0, c3.exitCode(), c3.stdout());

        assertEquals(c1.stdout().replace("10.6.0.2/", "10.6.0.3/").replace("2001:db8:6::2/", "2001:db8:6::3/"), c2,
                "same result shape, next addresses");
        assertTrue(c3.stdout().contains("10.6.0.4/29") && c3.stdout().contains("2001:db8:6::4/125"), c3.stdout());
        assertEquals(List.of("10.6.0.2", "10.6.0.3", "10.6.0.4", "2001:db8:6::2", "2001:db8:6::3", "2001:db8:6::4"),
                addressFiles());

        // each sees the other's reservations
        assertDoesNotThrow(() -> ours.check(Requests.of(Verb.CHECK, "c1", config())));
        assertEquals(0, refRun("CHECK", "c2").exitCode());
        CniException taken = assertThrows(CniException.class,
                () -> ours.add(Requests.of(Verb.ADD, "c9", "eth0", "IP=10.6.0.4", config())));
        assertEquals(IpamErrors.ADDRESS_UNAVAILABLE, taken.code());

        ours.del(Requests.of(Verb.DEL, "c1", config()));           // ours releases the reference's
        assertEquals(0, refRun("DEL", "c2").exitCode());            // the reference releases ours
        assertEquals(List.of("10.6.0.4", "2001:db8:6::4"), addressFiles());
        assertNotEquals(0, refRun("CHECK", "c2").exitCode());
        CniException gone = assertThrows(CniException.class, () -> ours.check(Requests.of(Verb.CHECK, "c1", config())));
        assertEquals(IpamErrors.NOT_ALLOCATED, gone.code());

        ours.gc(Requests.of(Verb.GC, "", config().replaceFirst("\\{", "{\"cni.dev/valid-attachments\":[],")));
        assertEquals(List.of(), addressFiles());
        assertFalse(Files.exists(tmp.resolve("shared/10.6.0.4")));
    }

    @Test
    void exhaustionAcrossBothPlugins() throws Exception {
        for (int i = 0; i < 5; i++) { // the /29 has five addresses to hand out
            if (i % 2 == 0) {
                assertEquals(0, refRun("ADD", "r" + i).exitCode());
            } else {
                ourAdd("o" + i);
            }
        }
        assertEquals(10, addressFiles().size());
        CniException e = assertThrows(CniException.class, () -> ours.add(Requests.of(Verb.ADD, "late", config())));
        assertEquals(IpamErrors.RANGE_EXHAUSTED, e.code());
        assertNotEquals(0, refRun("ADD", "late2").exitCode());
        assertEquals(10, addressFiles().size());
    }

    /** File names must be Go's text exactly, or both plugins could reserve one address under two names. */
    @Test
    void ipv6FileNamesAgreeWithGo() throws Exception {
        String conf = """
                {"cniVersion":"1.0.0","name":"shared","type":"bridge","ipam":{"type":"host-local","dataDir":"%s",
                "ranges":[[{"subnet":"2001:db8:0:0:1::/125"}],[{"subnet":"2001:0:0:1::/125"}]]}}"""
                .formatted(tmp);
        ReferencePlugin.Outcome ref = ReferencePlugin.run("host-local", "ADD", "r1", "eth0", null, conf);
        assertEquals(0, ref.exitCode(), ref.stdout());
        assertEquals(List.of("2001:0:0:1::2", "2001:db8::1:0:0:2"), addressFiles());
        CniException taken = assertThrows(CniException.class,
                () -> ours.add(Requests.of(Verb.ADD, "o1", "eth0", "IP=2001:db8:0:0:1:0:0:2", conf)));
        assertEquals(IpamErrors.ADDRESS_UNAVAILABLE, taken.code());
        ours.add(Requests.of(Verb.ADD, "o1", conf));
        assertEquals(List.of("2001:0:0:1::2", "2001:0:0:1::3", "2001:db8::1:0:0:2", "2001:db8::1:0:0:3"), addressFiles());
        assertEquals(1, ReferencePlugin.run("host-local", "ADD", "r2", "eth0", "IP=2001:0:0:1:0:0:0:3", conf).exitCode(),
                "the reference sees our file as taken");
        assertEquals(0, ReferencePlugin.run("host-local", "DEL", "o1", "eth0", null, conf).exitCode());
        assertEquals(List.of("2001:0:0:1::2", "2001:db8::1:0:0:2"), addressFiles());
    }
}
