package io.jcni.conf;

import com.fasterxml.jackson.databind.node.TextNode;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkConfigTest {
    private static final String FULL = """
            {"cniVersion":"1.0.0","name":"mynet","type":"bridge","bridge":"cni0","mtu":1400,
             "args":{"cni":{"ips":["10.1.0.5"]}},"ipMasq":true,
             "ipam":{"type":"host-local","subnet":"10.1.0.0/16"},
             "dns":{"nameservers":["10.1.0.1"],"domain":"cluster.local","search":["a.b"],"options":["ndots:5"]},
             "runtimeConfig":{"mac":"02:00:00:00:00:01"},
             "prevResult":{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/proc/1/ns/net"}],
                           "ips":[{"address":"10.1.0.5/16","gateway":"10.1.0.1","interface":0}]},
             "someFutureKey":{"x":1}}
            """;

    @Test
    void readsEveryKnownKey() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8(FULL));
        assertEquals(CniVersion.V1_0_0, c.cniVersion());
        assertEquals("mynet", c.name());
        assertEquals("bridge", c.type());
        assertEquals("10.1.0.5", c.args().at("/cni/ips/0").asText());
        assertTrue(c.ipMasq());
        assertEquals("host-local", c.ipam().orElseThrow().get("type").asText());
        assertEquals(List.of("10.1.0.1"), c.dns().nameservers());
        assertEquals("cluster.local", c.dns().domain());
        assertEquals(List.of("a.b"), c.dns().search());
        assertEquals(List.of("ndots:5"), c.dns().options());
        assertEquals("02:00:00:00:00:01", c.runtimeConfig().get("mac").asText());
        Result prev = c.prevResult().orElseThrow();
        assertEquals("eth0", prev.interfaces().getFirst().name());
        assertEquals(IpPrefix.parse("10.1.0.5/16"), prev.ips().getFirst().address());
        assertEquals(0, prev.ips().getFirst().interfaceIndex());
        assertEquals(1400, c.raw().get("mtu").asInt());
        assertEquals("cni0", c.raw().get("bridge").asText());
    }

    @Test
    void absentOptionalKeysHaveEmptyValues() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8("{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\"}"));
        assertTrue(c.args().isEmpty());
        assertFalse(c.ipMasq());
        assertTrue(c.ipam().isEmpty());
        assertTrue(c.dns().isEmpty());
        assertTrue(c.runtimeConfig().isEmpty());
        assertTrue(c.prevResult().isEmpty());
        assertTrue(c.validAttachments().isEmpty());
    }

    @Test
    void nullCountsAsAbsent() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8(
                "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\",\"ipam\":null,\"args\":null,"
                        + "\"dns\":null,\"prevResult\":null,\"ipMasq\":null,\"runtimeConfig\":null}"));
        assertTrue(c.ipam().isEmpty());
        assertTrue(c.args().isEmpty());
        assertTrue(c.prevResult().isEmpty());
        assertFalse(c.ipMasq());
    }

    @Test
    void returnedTreesAreCopies() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8(FULL));
        c.raw().put("name", "changed");
        c.ipam().orElseThrow().put("type", "changed");
        c.args().removeAll();
        assertEquals("mynet", c.raw().get("name").asText());
        assertEquals("host-local", c.ipam().orElseThrow().get("type").asText());
        assertFalse(c.args().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "{", "{\"cniVersion\":}", "{} {}", "nul"})
    void undecodableInputIsCode6(String stdin) {
        assertCniError(6, "network config", () -> NetworkConfig.parse(utf8(stdin)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|an array",
        "\"x\"|\"x\"",
        "42|42",
        "null|null"})
    void nonObjectIsCode6(String stdin, String got) {
        assertCniError(6, "expected a JSON object, got " + got, () -> NetworkConfig.parse(utf8(stdin)));
    }

    @Test
    void emptyInputSaysSo() {
        assertCniError(6, "empty input", () -> NetworkConfig.parse(new byte[0]));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"n\",\"type\":\"t\"}|cniVersion: missing",
        "{\"cniVersion\":\"\",\"name\":\"n\",\"type\":\"t\"}|cniVersion: must not be empty",
        "{\"cniVersion\":\"1.0.0\",\"type\":\"t\"}|name: missing",
        "{\"cniVersion\":\"1.0.0\",\"name\":\"\",\"type\":\"t\"}|name: must not be empty",
        "{\"cniVersion\":\"1.0.0\",\"name\":\"n\"}|type: missing",
        "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"\"}|type: must not be empty",
        "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":null}|type: missing"})
    void missingRequiredKeyIsCode7NamingIt(String stdin, String message) {
        assertCniError(7, message, () -> NetworkConfig.parse(utf8(stdin)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"cniVersion\":1|cniVersion: expected a string, got 1",
        "\"name\":[\"n\"]|name: expected a string, got an array",
        "\"type\":true|type: expected a string, got true",
        "\"args\":\"x\"|args: expected an object, got \"x\"",
        "\"ipMasq\":\"yes\"|ipMasq: expected a boolean, got \"yes\"",
        "\"ipam\":[]|ipam: expected an object, got an array",
        "\"dns\":{\"nameservers\":\"8.8.8.8\"}|dns.nameservers: expected an array, got \"8.8.8.8\"",
        "\"dns\":{\"search\":[1]}|dns.search[0]: expected a string, got 1",
        "\"runtimeConfig\":5|runtimeConfig: expected an object, got 5",
        "\"prevResult\":[]|prevResult: expected an object, got an array",
        "\"prevResult\":{\"ips\":[{\"address\":\"10.0.0.1\"}]}|prevResult.ips[0].address: invalid CIDR",
        "\"cni.dev/valid-attachments\":{}|cni.dev/valid-attachments: expected an array",
        "\"cni.dev/valid-attachments\":[{\"containerID\":\"a\"}]|cni.dev/valid-attachments[0].ifname: missing"})
    void wrongTypeOfKnownKeyIsCode7NamingIt(String member, String message) {
        // the member replaces a base key of the same name: a key given twice is code 6
        String key = member.substring(1, member.indexOf('"', 1));
        StringBuilder stdin = new StringBuilder("{");
        java.util.Map.of("cniVersion", "\"1.0.0\"", "name", "\"n\"", "type", "\"t\"").forEach((k, v) -> {
            if (!k.equals(key)) {
                stdin.append('"').append(k).append("\":").append(v).append(',');
            }
        });
        stdin.append(member).append('}');
        assertCniError(7, message, () -> NetworkConfig.parse(utf8(stdin.toString())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.1", "2.0.0", "1.0", "v1.0.0"})
    void unsupportedVersionIsCode1(String version) {
        String stdin = "{\"cniVersion\":\"" + version + "\",\"name\":\"n\",\"type\":\"t\"}";
        CniException e = assertCniError(1, "cniVersion", () -> NetworkConfig.parse(utf8(stdin)));
        assertTrue(e.getMessage().contains(version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-net", "../etc", "a b", "net/1", "_x"})
    void invalidNetworkNameIsCode7(String name) {
        String stdin = "{\"cniVersion\":\"1.0.0\",\"name\":\"" + name + "\",\"type\":\"t\"}";
        assertCniError(7, "name: ", () -> NetworkConfig.parse(utf8(stdin)));
    }

    @Test
    void prevResultIsReadInTheConfigsVersion() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8("""
                {"cniVersion":"0.2.0","name":"n","type":"t",
                 "prevResult":{"ip4":{"ip":"10.0.0.2/24","gateway":"10.0.0.1"}}}"""));
        Result r = c.prevResult().orElseThrow();
        assertEquals(IpPrefix.parse("10.0.0.2/24"), r.ips().getFirst().address());
    }

    @Test
    void validAttachmentsAreListed() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8("""
                {"cniVersion":"1.1.0","name":"n","type":"t","cni.dev/valid-attachments":[
                  {"containerID":"c1","ifname":"eth0"},{"containerID":"c2","ifname":"net1"}]}"""));
        assertEquals(List.of(new ValidAttachment("c1", "eth0"), new ValidAttachment("c2", "net1")),
                c.validAttachments());
    }

    @Test
    void rebuildsBytesWithAFieldSetOrRemoved() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8(FULL));
        NetworkConfig changed = NetworkConfig.parse(c.toBytesWith("type", TextNode.valueOf("host-local")));
        assertEquals("host-local", changed.type());
        assertEquals("mynet", changed.name());
        assertEquals(1400, changed.raw().get("mtu").asInt());
        NetworkConfig removed = NetworkConfig.parse(c.toBytesWith("prevResult", null));
        assertTrue(removed.prevResult().isEmpty());
        assertEquals(c.raw(), NetworkConfig.parse(c.toBytes()).raw());
    }

    @Test
    void rebuildsBytesWithPrevResultInTheConfigsVersion() throws CniException {
        NetworkConfig c = NetworkConfig.parse(utf8("{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\"}"));
        Result r = NetworkConfig.parse(utf8(FULL)).prevResult().orElseThrow();
        NetworkConfig withPrev = NetworkConfig.parse(c.toBytesWithPrevResult(r));
        assertEquals(r, withPrev.prevResult().orElseThrow());
        assertEquals("0.4.0", withPrev.raw().at("/prevResult/cniVersion").asText());
        assertEquals("4", withPrev.raw().at("/prevResult/ips/0/version").asText());
    }

    @Test
    void aCallThatNeedsPrevResultGetsCode7NamingItAndWhy() throws CniException {
        NetworkConfig without = NetworkConfig.parse(utf8("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"t\"}"));
        assertCniError(7, "prevResult: missing; chain t after bridge", () -> without.requirePrevResult("chain t after bridge"));
        NetworkConfig with = NetworkConfig.parse(utf8(FULL));
        assertEquals(with.prevResult().orElseThrow(), with.requirePrevResult("unused"));
    }
}
