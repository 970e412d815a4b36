package io.jcni.manager.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfDirTest {
    @TempDir
    Path dir;

    @Test
    void readsConflistsAndSingleConfigsInNameOrderFirstNameWins() throws IOException {
        Files.writeString(dir.resolve("10-a.conflist"), """
                {"cniVersion": "1.0.0", "name": "a", "plugins": [
                  {"type": "bridge", "bridge": "br-a", "ipMasq": true,
                   "ipam": {"type": "host-local", "dataDir": "/tmp/store", "ranges": [[{"subnet": "10.1.0.0/24"}]]}},
                  {"type": "portmap", "capabilities": {"portMappings": true}}]}
                """);
        Files.writeString(dir.resolve("20-b.conf"), """
                {"cniVersion": "0.4.0", "name": "b", "type": "bridge", "ipam": {"type": "host-local", "subnet": "10.2.0.0/24"}}
                """);
        Files.writeString(dir.resolve("30-a-again.conflist"), """
                {"cniVersion": "1.0.0", "name": "a", "plugins": [{"type": "loopback"}]}
                """);
        Files.writeString(dir.resolve("40-broken.conflist"), "{\"name\": ");
        Files.writeString(dir.resolve("README"), "not a config");

        ConfDir c = ConfDir.read(dir);

        assertEquals(List.of("a", "b"), c.networks().stream().map(NetworkDefinition::name).toList());
        NetworkDefinition a = c.network("a").orElseThrow();
        assertEquals(Optional.of("br-a"), a.bridge());
        assertTrue(a.ipMasq());
        assertEquals(Optional.of(Path.of("/tmp/store/a")), a.hostLocalDir());
        assertEquals(List.of("bridge", "portmap"), a.pluginTypes());
        NetworkDefinition b = c.network("b").orElseThrow();
        assertEquals(Optional.of("cni0"), b.bridge(), "the bridge plugin's default");
        assertEquals(Optional.of(Path.of("/var/lib/cni/networks/b")), b.hostLocalDir());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).contains("40-broken.conflist"), c.problems().toString());
    }
}
