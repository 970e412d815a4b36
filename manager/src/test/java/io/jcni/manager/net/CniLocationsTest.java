package io.jcni.manager.net;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CniLocationsTest {
    @Test
    void theConfigDirIsTheOptionElseNetconfpathElseEtcCniNetD() {
        assertEquals(Path.of("/x"), CniLocations.from(Map.of("NETCONFPATH", "/y"), Optional.of(Path.of("/x"))).confDir());
        assertEquals(Path.of("/y"), CniLocations.from(Map.of("NETCONFPATH", "/y"), Optional.empty()).confDir());
        assertEquals(Path.of("/etc/cni/net.d"), CniLocations.from(Map.of("NETCONFPATH", ""), Optional.empty()).confDir());
    }

    @Test
    void pluginDirsAndCacheFollowCniPathAndCniCachedir() {
        CniLocations defaults = CniLocations.from(Map.of(), Optional.empty());
        assertEquals(List.of(Path.of("/opt/cni/bin")), defaults.pluginDirs());
        assertEquals(Path.of("/var/lib/cni"), defaults.cacheDir());
        CniLocations set = CniLocations.from(Map.of("CNI_PATH", "/a::/b", "CNI_CACHEDIR", "/c"), Optional.empty());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), set.pluginDirs());
        assertEquals(Path.of("/c"), set.cacheDir());
    }
}
