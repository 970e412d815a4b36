package io.jcni.plugin.bridge;

import io.jcni.plugin.bridge.firewall.MasqueradeBackend;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.IpPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeConfigTest {
    static BridgeConfig parse(String extra, CniArgs args) throws CniException {
        String json = "{\"cniVersion\":\"1.0.0\",\"name\":\"net1\",\"type\":\"bridge\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
        return BridgeConfig.of(NetworkConfig.parse(json.getBytes(StandardCharsets.UTF_8)), args);
    }

    static BridgeConfig parse(String extra) throws CniException {
        return parse(extra, CniArgs.EMPTY);
    }

    static CniException invalid(String extra) {
        return assertThrows(CniException.class, () -> parse(extra));
    }

    @Test
    void defaultsAreTheReferences() throws Exception {
        BridgeConfig c = parse("");
        assertEquals("net1", c.network());
        assertEquals("cni0", c.bridge());
        assertFalse(c.isGateway());
        assertFalse(c.isDefaultGateway());
        assertFalse(c.forceAddress());
        assertFalse(c.ipMasq());
        assertEquals(Optional.empty(), c.ipMasqBackend());
        assertEquals(0, c.mtu());
        assertFalse(c.hairpinMode());
        assertFalse(c.promiscMode());
        assertEquals(0, c.vlan());
        assertEquals(List.of(), c.vlanTrunk());
        assertTrue(c.preserveDefaultVlan());
        assertFalse(c.enableDad());
        assertFalse(c.macSpoofCheck());
        assertFalse(c.disableContainerInterface());
        assertFalse(c.portIsolation());
        assertEquals(Optional.empty(), c.mac());
        assertEquals(Optional.empty(), c.ipamType());
        assertFalse(c.vlanFiltering());
        assertTrue(c.dns().isEmpty());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        BridgeConfig c = parse("\"bridge\":\"br-x\",\"isGateway\":true,\"forceAddress\":true,\"ipMasq\":true,"
                + "\"ipMasqBackend\":\"nftables\",\"ipMasqExcludeCidrs\":[\"10.244.0.0/16\",\"fd00:244::1/56\"],\"mtu\":1400,\"hairpinMode\":true,\"preserveDefaultVlan\":false,"
                + "\"enabledad\":true,\"macspoofchk\":true,\"portIsolation\":true,\"vlan\":12,"
                + "\"dns\":{\"nameservers\":[\"192.0.2.53\"]},\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.9.0.0/16\"}");
        assertEquals("br-x", c.bridge());
        assertTrue(c.isGateway());
        assertFalse(c.isDefaultGateway());
        assertTrue(c.forceAddress());
        assertTrue(c.ipMasq());
        assertEquals(Optional.of(MasqueradeBackend.NFTABLES), c.ipMasqBackend());
        assertEquals(List.of(IpPrefix.parse("10.244.0.0/16"), IpPrefix.parse("fd00:244::/56")), c.ipMasqExcludeCidrs());
        assertEquals(1400, c.mtu());
        assertTrue(c.hairpinMode());
        assertFalse(c.preserveDefaultVlan());
        assertTrue(c.enableDad());
        assertTrue(c.macSpoofCheck());
        assertTrue(c.portIsolation());
        assertEquals(12, c.vlan());
        assertTrue(c.vlanFiltering());
        assertEquals(List.of("192.0.2.53"), c.dns().nameservers());
        assertEquals(Optional.of("host-local"), c.ipamType());
        assertEquals("10.9.0.0/16", c.ipam().orElseThrow().get("subnet").textValue());
    }

    @Test
    void defaultGatewayImpliesGateway() throws Exception {
        BridgeConfig c = parse("\"isDefaultGateway\":true");
        assertTrue(c.isGateway());
        assertTrue(c.isDefaultGateway());
    }

    @Test
    void ipamWithoutTypeIsLayerTwo() throws Exception {
        assertEquals(Optional.empty(), parse("\"ipam\":{}").ipamType());
    }

    @Test
    void trunkRangesAndIdsAreMergedSortedAndUnique() throws Exception {
        BridgeConfig c = parse("\"vlanTrunk\":[{\"id\":42},{\"minID\":10,\"maxID\":12},{\"id\":11},{\"minID\":3,\"maxID\":3,\"id\":100}]");
        assertEquals(List.of(3, 10, 11, 12, 42, 100), c.vlanTrunk());
        assertTrue(c.vlanFiltering());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"bridge\":\"\"                                 | bridge:",
            "\"bridge\":\"a-very-long-bridge-name\"          | bridge:",
            "\"bridge\":\"br/0\"                             | bridge:",
            "\"bridge\":7                                    | bridge",
            "\"isGateway\":\"yes\"                           | isGateway",
            "\"ipMasqBackend\":\"ipfw\"                      | ipMasqBackend:",
            "\"ipMasqExcludeCidrs\":[\"10.244.0.0/16\",\"x\"]   | ipMasqExcludeCidrs[1]:",
            "\"ipMasqExcludeCidrs\":\"10.244.0.0/16\"          | ipMasqExcludeCidrs",
            "\"mtu\":\"big\"                                 | mtu",
            "\"mtu\":-1                                      | mtu:",
            "\"mtu\":20                                      | mtu:",
            "\"mtu\":70000                                   | mtu:",
            "\"vlan\":-1                                     | vlan:",
            "\"vlan\":4095                                   | vlan:",
            "\"vlanTrunk\":[{\"id\":0}]                      | vlanTrunk[0].id:",
            "\"vlanTrunk\":[{\"id\":4095}]                   | vlanTrunk[0].id:",
            "\"vlanTrunk\":[{\"id\":5},{\"minID\":0,\"maxID\":3}] | vlanTrunk[1].minID:",
            "\"vlanTrunk\":[{\"minID\":1,\"maxID\":4095}]    | vlanTrunk[0].maxID:",
            "\"vlanTrunk\":[{\"minID\":9,\"maxID\":3}]       | vlanTrunk[0]: minID 9 is greater than maxID 3",
            "\"vlanTrunk\":[{\"maxID\":3}]                   | vlanTrunk[0].minID: missing",
            "\"vlanTrunk\":[{\"minID\":3}]                   | vlanTrunk[0].maxID: missing",
            "\"vlanTrunk\":{\"id\":3}                        | vlanTrunk",
            "\"vlan\":3,\"vlanTrunk\":[{\"id\":4}]           | vlan, vlanTrunk:",
            "\"preserveDefaultVlan\":1                       | preserveDefaultVlan",
            "\"enabledad\":\"true\"                          | enabledad",
            "\"macspoofchk\":0                               | macspoofchk",
            "\"disableContainerInterface\":\"true\"          | disableContainerInterface",
            "\"portIsolation\":[]                            | portIsolation",
            "\"runtimeConfig\":{\"mac\":\"zz:00:00:00:00:01\"} | runtimeConfig.mac:",
            "\"args\":{\"cni\":{\"mac\":\"0a:58\"}}          | args.cni.mac:",
            "\"args\":{\"cni\":{\"mac\":\"01:00:5e:00:00:01\"}} | args.cni.mac: 01:00:5e:00:00:01 is a multicast address",
    })
    void invalidValuesAreCode7NamingTheOption(String extra, String named) {
        CniException e = invalid(extra);
        assertEquals(7, e.code(), e.msg());
        assertTrue(e.msg().startsWith(named.strip()) || e.msg().contains(named.strip()), e.msg());
    }

    @Test
    void macComesFromRuntimeConfigThenArgsThenCniArgs() throws Exception {
        CniArgs env = CniArgs.parse("IgnoreUnknown=1;MAC=0a:00:00:00:00:03");
        assertEquals("0a:00:00:00:00:03", parse("", env).mac().orElseThrow().toString());
        assertEquals("0a:00:00:00:00:02", parse("\"args\":{\"cni\":{\"mac\":\"0a:00:00:00:00:02\"}}", env)
                .mac().orElseThrow().toString());
        assertEquals("0a:00:00:00:00:01", parse("\"args\":{\"cni\":{\"mac\":\"0a:00:00:00:00:02\"}},"
                + "\"runtimeConfig\":{\"mac\":\"0A-00-00-00-00-01\"}", env).mac().orElseThrow().toString());
    }

    @Test
    void aBadMacInCniArgsIsCode4NamingIt() {
        CniException e = assertThrows(CniException.class, () -> parse("", CniArgs.parse("MAC=nope")));
        assertEquals(4, e.code());
        assertTrue(e.msg().startsWith("CNI_ARGS MAC:"), e.msg());
    }

    @Test
    void addRejectsHairpinWithPromiscAndIpamWithoutContainerInterface() throws Exception {
        CniException e = assertThrows(CniException.class, () -> parse("\"hairpinMode\":true,\"promiscMode\":true").checkForAdd());
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("hairpinMode, promiscMode:"), e.msg());
        e = assertThrows(CniException.class,
                () -> parse("\"disableContainerInterface\":true,\"ipam\":{\"type\":\"host-local\"}").checkForAdd());
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("disableContainerInterface:"), e.msg());
        parse("\"disableContainerInterface\":true").checkForAdd();
        parse("\"hairpinMode\":true").checkForAdd();
    }

    @Test
    void addRejectsABridgeNameTooLongForTheVlanGatewayBeforeCreatingAnything() throws Exception {
        String ipam = ",\"ipam\":{\"type\":\"host-local\"}";
        CniException e = assertThrows(CniException.class,
                () -> parse("\"bridge\":\"bridge-0123456\",\"isGateway\":true,\"vlan\":100" + ipam).checkForAdd());
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("vlan: the VLAN gateway interface name \"bridge-0123456.100\" is longer than 15"),
                e.msg());
        // Fits, or no VLAN gateway needed: accepted.
        parse("\"bridge\":\"br-0123456\",\"isGateway\":true,\"vlan\":100" + ipam).checkForAdd();
        parse("\"bridge\":\"bridge-0123456\",\"vlan\":100" + ipam).checkForAdd();
        parse("\"bridge\":\"bridge-0123456\",\"isGateway\":true,\"vlan\":100").checkForAdd();
    }
}
