package io.jcni.conf;

import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding a config onto a plugin's own config record, and the errors a user sees. */
class BindTest {
    enum Backend { iptables, nftables }

    record Trunk(Integer id, Integer minID, Integer maxID) {
    }

    record Range(IpPrefix subnet, InetAddress gateway) {
    }

    record BridgeConf(String bridge, boolean isGateway, Boolean isDefaultGateway, Integer mtu, long big,
                      double ratio, Backend ipMasqBackend, List<Trunk> vlanTrunk, List<List<Range>> ranges,
                      Map<String, String> labels, Inet4Address v4only) {
        BridgeConf {
            if (mtu != null && mtu < 0) {
                throw new IllegalArgumentException("mtu: must not be negative");
            }
        }
    }

    static NetworkConfig config(String extra) throws CniException {
        return NetworkConfig.parse(utf8("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\""
                + (extra.isEmpty() ? "" : "," + extra) + "}"));
    }

    @Test
    void bindsPluginKeysAndIgnoresUnknownOnes() throws CniException {
        BridgeConf c = config("""
                "bridge":"br0","isGateway":true,"mtu":1400,"big":5000000000,"ratio":0.5,
                "ipMasqBackend":"nftables","vlanTrunk":[{"id":5},{"minID":10,"maxID":20}],
                "ranges":[[{"subnet":"10.1.0.0/16","gateway":"10.1.0.1"}],[{"subnet":"fd00::/64"}]],
                "labels":{"a":"b"},"v4only":"10.9.9.9","somethingElse":[1,2]""").bind(BridgeConf.class);
        assertEquals("br0", c.bridge());
        assertTrue(c.isGateway());
        assertNull(c.isDefaultGateway());
        assertEquals(1400, c.mtu());
        assertEquals(5000000000L, c.big());
        assertEquals(0.5, c.ratio());
        assertEquals(Backend.nftables, c.ipMasqBackend());
        assertEquals(List.of(new Trunk(5, null, null), new Trunk(null, 10, 20)), c.vlanTrunk());
        assertEquals(IpPrefix.parse("10.1.0.0/16"), c.ranges().get(0).get(0).subnet());
        assertEquals(IpText.parse("10.1.0.1"), c.ranges().get(0).get(0).gateway());
        assertNull(c.ranges().get(1).get(0).gateway());
        assertEquals(Map.of("a", "b"), c.labels());
        assertEquals(IpText.parse("10.9.9.9"), c.v4only());
    }

    @Test
    void absentKeysBindToDefaults() throws CniException {
        BridgeConf c = config("").bind(BridgeConf.class);
        assertNull(c.bridge());
        assertFalse(c.isGateway());
        assertNull(c.mtu());
        assertNull(c.vlanTrunk());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"mtu\":\"big\"|mtu: expected an integer, got \"big\"",
        "\"mtu\":\"1500\"|mtu: expected an integer, got \"1500\"",
        "\"mtu\":1500.5|mtu: expected an integer, got 1500.5",
        "\"mtu\":true|mtu: expected an integer, got true",
        "\"mtu\":[1]|mtu: expected an integer, got an array",
        "\"big\":\"1\"|big: expected an integer, got \"1\"",
        "\"ratio\":\"0.5\"|ratio: expected a number, got \"0.5\"",
        "\"isGateway\":\"true\"|isGateway: expected a boolean, got \"true\"",
        "\"isGateway\":1|isGateway: expected a boolean, got 1",
        "\"bridge\":5|bridge: expected a string, got 5",
        "\"bridge\":false|bridge: expected a string, got false",
        "\"bridge\":{}|bridge: expected a string, got an object",
        "\"vlanTrunk\":{\"id\":1}|vlanTrunk: expected an array, got an object",
        "\"vlanTrunk\":[{\"id\":1},{\"id\":\"x\"}]|vlanTrunk[1].id: expected an integer, got \"x\"",
        "\"ranges\":[[{\"subnet\":\"10.1.0.0\"}]]|ranges[0][0].subnet: invalid value \"10.1.0.0\": invalid CIDR",
        "\"ranges\":[[{\"subnet\":\"10.1.0.0/16\",\"gateway\":\"localhost\"}]]|ranges[0][0].gateway: invalid value \"localhost\"",
        "\"ranges\":[[{\"subnet\":5}]]|ranges[0][0].subnet: ",
        "\"v4only\":\"fd00::1\"|v4only: invalid value \"fd00::1\"",
        "\"ipMasqBackend\":\"pf\"|ipMasqBackend: invalid value \"pf\": expected one of [iptables, nftables]",
        "\"labels\":{\"a\":1}|labels.a: expected a string, got 1",
        "\"mtu\":-1|mtu: must not be negative"})
    void typeMismatchIsCode7NamingThePath(String member, String message) {
        assertCniError(7, message, () -> config(member).bind(BridgeConf.class));
    }

    @Test
    void addressesAndPrefixesSerialiseInCanonicalForm() throws Exception {
        Range r = new Range(IpPrefix.parse("2001:db8:0:0::5/64"), IpText.parse("10.1.0.1"));
        assertEquals("{\"subnet\":\"2001:db8::5/64\",\"gateway\":\"10.1.0.1\"}",
                Json.mapper().writeValueAsString(r));
        assertEquals(r, Json.mapper().readValue(Json.mapper().writeValueAsString(r), Range.class));
    }

    @Test
    void literalAddressesAreNeverResolved() {
        CniException e = assertCniError(7, "gateway", () -> config(
                "\"ranges\":[[{\"subnet\":\"10.1.0.0/16\",\"gateway\":\"example.com\"}]]").bind(BridgeConf.class));
        assertTrue(e.getMessage().contains("invalid IP address \"example.com\""), e.getMessage());
    }
}
