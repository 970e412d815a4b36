package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** jcni's full chain through cnitool: every plugin of the chain is jcni's, none falls back to the reference. */
class JcniFullChainE2eTest extends FullChainE2eTest {
    JcniFullChainE2eTest() {
        super(PluginSet.jcni());
    }

    @Test
    void everyPluginOfTheChainIsJcnis() {
        for (String type : List.of("bridge", "host-local", "portmap", "firewall", "tuning", "bandwidth", "loopback")) {
            assertTrue(PluginSet.jcni().find(type).orElseThrow().startsWith(JcniInstall.binDirectory()), type);
        }
    }
}
