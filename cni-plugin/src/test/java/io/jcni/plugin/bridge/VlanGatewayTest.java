package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.plugin.bridge.PortVlans.Change;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VLAN gateway plan: which links, which VLAN messages for the gateway's bridge port (exact
 * bytes, on a little-endian host: this kernel cannot accept them) and which addresses go on it.
 */
class VlanGatewayTest {
    private static final int PEER_INDEX = 0x2a;

    private static IpPrefix p(String addr, int len) throws Exception {
        return new IpPrefix(InetAddress.getByName(addr), len);
    }

    private static String hex(MessageWriter w) {
        return HexFormat.of().formatHex(w.toBytes());
    }

    private static List<String> messages(List<Change> changes) {
        return changes.stream().map(c -> hex(c.request(PEER_INDEX))).toList();
    }

    private static Result ipam() throws Exception {
        return new Result(List.of(), List.of(new IpConfig(p("10.1.0.5", 24), null, null),
                new IpConfig(p("fd00:1::5", 64), null, null)), List.of(), null);
    }

    /** The gateways of a dual-stack IPAM result under {@code extra}, and where they go. */
    private static Optional<VlanGateway> plan(String extra) throws Exception {
        BridgeConfig cfg = BridgeConfigTest.parse("\"bridge\":\"br7\"," + extra);
        return VlanGateway.of(cfg, GatewayPlan.of(ipam(), cfg.isGateway(), cfg.isDefaultGateway()).gateways());
    }

    @Test
    void anAccessVlanWithAGatewayPutsTheGatewayOnBridgeDotVid() throws Exception {
        VlanGateway gw = plan("\"isGateway\":true,\"vlan\":12").orElseThrow();
        assertEquals("br7", gw.bridge());
        assertEquals(12, gw.vid());
        assertEquals("br7.12", gw.name());
        assertEquals(HostVethName.ofVlanGateway("br7.12"), gw.peer());
        assertEquals(List.of(p("10.1.0.1", 24), p("fd00:1::1", 64)), gw.addresses());
        assertTrue(gw.preserveDefaultVlan());
    }

    @Test
    void isDefaultGatewayImpliesTheVlanGatewayToo() throws Exception {
        assertEquals("br7.300", plan("\"isDefaultGateway\":true,\"vlan\":300").orElseThrow().name());
    }

    @Test
    void withoutAccessVlanOrGatewayTheAddressesStayOnTheBridge() throws Exception {
        assertEquals(Optional.empty(), plan("\"isGateway\":true"));
        assertEquals(Optional.empty(), plan("\"vlan\":12"));
        assertEquals(Optional.empty(), plan("\"isGateway\":true,\"vlanTrunk\":[{\"id\":12}]"));
        BridgeConfig cfg = BridgeConfigTest.parse("\"isGateway\":true,\"vlan\":12");
        assertEquals(Optional.empty(), VlanGateway.of(cfg, List.of()));
    }

    @Test
    void thePeerNameIsStableAndNoPodsHostVeth() {
        String peer = HostVethName.ofVlanGateway("br7.12");
        assertEquals(peer, HostVethName.ofVlanGateway("br7.12"));
        assertTrue(HostVethName.looksLike(peer), peer);
        assertNotEquals(peer, HostVethName.ofVlanGateway("br7.13"));
        assertNotEquals(peer, HostVethName.of("br7.12", "vlan-gateway"));
    }

    @Test
    void thePeerPortKeepsVlan1AndJoinsTheVlanAsPvidUntagged() throws Exception {
        VlanGateway gw = plan("\"isGateway\":true,\"vlan\":12").orElseThrow();
        // RTM_SETLINK (19), AF_BRIDGE port 42: IFLA_AF_SPEC / IFLA_BRIDGE_VLAN_INFO flags PVID|UNTAGGED (6), vid 12
        assertEquals(List.of("2c000000" + "1300" + "0000" + "00000000" + "00000000"
                        + "07000000" + "2a000000" + "00000000" + "00000000"
                        + "0c00" + "1a80" + "0800" + "0200" + "0600" + "0c00"),
                messages(gw.peerVlans(List.of(1))));
    }

    @Test
    void withoutPreserveDefaultVlanThePeerPortFirstLeavesEveryVlanItCameWith() throws Exception {
        VlanGateway gw = plan("\"isGateway\":true,\"vlan\":4094,\"preserveDefaultVlan\":false").orElseThrow();
        // RTM_DELLINK (17) vid 1 without flags, then RTM_SETLINK vid 4094 (0x0ffe) PVID|UNTAGGED
        assertEquals(List.of("2c000000" + "1100" + "0000" + "00000000" + "00000000"
                                + "07000000" + "2a000000" + "00000000" + "00000000"
                                + "0c00" + "1a80" + "0800" + "0200" + "0000" + "0100",
                        "2c000000" + "1300" + "0000" + "00000000" + "00000000"
                                + "07000000" + "2a000000" + "00000000" + "00000000"
                                + "0c00" + "1a80" + "0800" + "0200" + "0600" + "fe0f"),
                messages(gw.peerVlans(List.of(1))));
    }
}
