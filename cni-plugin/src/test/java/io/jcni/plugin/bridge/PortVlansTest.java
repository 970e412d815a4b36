package io.jcni.plugin.bridge;

import io.jcni.plugin.bridge.PortVlans.Change;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortVlansTest {
    @Test
    void withoutVlanOptionsNothingChanges() throws Exception {
        assertEquals(List.of(), PortVlans.plan(BridgeConfigTest.parse("\"preserveDefaultVlan\":false"), List.of(1)));
    }

    @Test
    void accessPortGetsPvidUntaggedAndKeepsTheDefaultVlanByDefault() throws Exception {
        assertEquals(List.of(new Change(true, 12, true, true)),
                PortVlans.plan(BridgeConfigTest.parse("\"vlan\":12"), List.of(1)));
    }

    @Test
    void trunkPortGetsTaggedVidsAndLosesTheDefaultVlanWhenNotPreserved() throws Exception {
        assertEquals(List.of(new Change(false, 1, false, false), new Change(true, 5, false, false),
                        new Change(true, 6, false, false), new Change(true, 9, false, false)),
                PortVlans.plan(BridgeConfigTest.parse("\"preserveDefaultVlan\":false,"
                        + "\"vlanTrunk\":[{\"id\":9},{\"minID\":5,\"maxID\":6}]"), List.of(1)));
    }
}
