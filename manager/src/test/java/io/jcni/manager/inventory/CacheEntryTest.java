package io.jcni.manager.inventory;

import io.jcni.manager.net.ResultCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheEntryTest {
    @TempDir
    Path dir;

    @Test
    void readsLibcnisEntriesAndSkipsUnreadableOnes() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.writeString(results.resolve("net-c1-eth0"), """
                {"kind": "cniCacheV1", "containerId": "c1", "ifName": "eth0", "networkName": "net",
                 "netns": "/run/netns/p1",
                 "capabilityArgs": {"portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"}]},
                 "result": {"cniVersion": "1.0.0", "interfaces": [
                   {"name": "cni0", "mac": "aa:bb:cc:dd:ee:01"},
                   {"name": "veth12345678", "mac": "aa:bb:cc:dd:ee:02"},
                   {"name": "eth0", "mac": "aa:bb:cc:dd:ee:03", "sandbox": "/run/netns/p1"}]}}
                """);
        Files.writeString(results.resolve("garbage"), "not json");

        List<CacheEntry> all = new ResultCache(dir).listAll().stream().map(CacheEntry::of).toList();

        assertEquals(1, all.size());
        CacheEntry c = all.get(0);
        assertEquals(new AttachmentKey("net", "c1", "eth0"), c.key());
        assertEquals(Optional.of("/run/netns/p1"), c.netns());
        assertEquals(List.of("cni0", "veth12345678"), c.hostVeths());
        assertTrue(c.portMappings());
    }
}
