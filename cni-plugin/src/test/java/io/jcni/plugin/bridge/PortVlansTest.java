package io.jcni.plugin.bridge;

import io.jcni.plugin.bridge.PortVlans.Change;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
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

    @Test
    void theTrunkPlanSendsOneMessagePerVidOnThePodsPort() throws Exception {
        List<String> sent = PortVlans.plan(BridgeConfigTest.parse("\"preserveDefaultVlan\":false,\"vlanTrunk\":[{\"id\":5}]"),
                List.of(1)).stream().map(c -> HexFormat.of().formatHex(c.request(3).toBytes())).toList();
        // RTM_DELLINK (17) vid 1, then RTM_SETLINK (19) vid 5 tagged (no flags); AF_BRIDGE, port index 3
        assertEquals(List.of("2c000000" + "1100" + "0000" + "00000000" + "00000000"
                                + "07000000" + "03000000" + "00000000" + "00000000"
                                + "0c00" + "1a80" + "0800" + "0200" + "0000" + "0100",
                        "2c000000" + "1300" + "0000" + "00000000" + "00000000"
                                + "07000000" + "03000000" + "00000000" + "00000000"
                                + "0c00" + "1a80" + "0800" + "0200" + "0000" + "0500"), sent);
    }
}
