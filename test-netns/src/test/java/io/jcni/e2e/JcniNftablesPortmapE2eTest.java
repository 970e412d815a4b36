package io.jcni.e2e;

import java.util.Map;

/** jcni's bridge and portmap with {@code backend: nftables} (written over netlink) through cnitool. */
class JcniNftablesPortmapE2eTest extends PortmapE2eTest {
    JcniNftablesPortmapE2eTest() {
        super(PluginSet.jcni());
    }

    @Override
    Map<String, String> portmapOptions() {
        return Map.of("backend", "nftables");
    }
}
