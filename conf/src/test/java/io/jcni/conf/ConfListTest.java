package io.jcni.conf;

import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfListTest {
    private static final String LIST = """
            {"cniVersion":"1.0.0","name":"podnet","disableCheck":true,
             "plugins":[
               {"type":"bridge","bridge":"cni0","ipam":{"type":"host-local","subnet":"10.22.0.0/16"}},
               {"type":"portmap","name":"ignored","cniVersion":"0.1.0","capabilities":{"portMappings":true}}]}
            """;

    @Test
    void readsTheList() throws CniException {
        ConfList l = ConfList.parse(utf8(LIST));
        assertEquals("podnet", l.name());
        assertEquals(CniVersion.V1_0_0, l.cniVersion());
        assertTrue(l.disableCheck());
        assertFalse(l.disableGC());
        assertEquals(2, l.plugins().size());
        assertEquals("portmap", l.plugins().get(1).get("type").asText());
    }

    @Test
    void buildsEachPluginsConfigAsARuntimeDoes() throws CniException {
        ConfList l = ConfList.parse(utf8(LIST));
        NetworkConfig first = NetworkConfig.parse(l.pluginConfig(0, Optional.empty()));
        assertEquals("podnet", first.name());
        assertEquals("bridge", first.type());
        assertEquals(CniVersion.V1_0_0, first.cniVersion());
        assertEquals("cni0", first.raw().get("bridge").asText());
        assertTrue(first.prevResult().isEmpty());

        Result prev = ResultCodec.read(Golden.bytes("result-bridge-1.0.0.json"), CniVersion.V1_0_0);
        NetworkConfig second = NetworkConfig.parse(l.pluginConfig(1, Optional.of(prev)));
        assertEquals("podnet", second.name());
        assertEquals(CniVersion.V1_0_0, second.cniVersion());
        assertEquals(prev, second.prevResult().orElseThrow());
        assertEquals("1.0.0", second.raw().at("/prevResult/cniVersion").asText());
    }

    @Test
    void prevResultTheListVersionCannotExpressIsCode1() throws CniException {
        ConfList l = ConfList.parse(utf8("{\"cniVersion\":\"0.2.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}"));
        Result two = ResultCodec.read(Golden.utf8("""
                {"ips":[{"address":"10.0.0.2/24"},{"address":"10.0.0.3/24"}]}"""), CniVersion.V1_0_0);
        assertCniError(1, "IPv4", () -> l.pluginConfig(0, Optional.of(two)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"cniVersions\":[\"0.4.0\",\"1.1.0\",\"1.0.0\"]|1.1.0",
        "\"cniVersions\":[\"0.3.1\",\"9.0.0\"]|0.3.1",
        "\"cniVersion\":\"0.4.0\",\"cniVersions\":[\"1.0.0\"]|1.0.0",
        "\"cniVersion\":\"0.4.0\",\"cniVersions\":[\"9.0.0\"]|0.4.0",
        "\"cniVersion\":\"0.3.0\"|0.3.0"})
    void picksTheHighestSupportedVersion(String versions, String expected) throws CniException {
        ConfList l = ConfList.parse(utf8("{" + versions + ",\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}"));
        assertEquals(expected, l.cniVersion().text());
        assertEquals(expected, NetworkConfig.parse(l.pluginConfig(0, Optional.empty())).cniVersion().text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"disableCheck\":\"true\",\"disableGC\":\"FALSE\"|true|false",
        "\"disableCheck\":false,\"disableGC\":true|false|true"})
    void acceptsFlagsAsBooleansOrStrings(String flags, boolean check, boolean gc) throws CniException {
        ConfList l = ConfList.parse(utf8("{\"cniVersion\":\"1.1.0\",\"name\":\"n\"," + flags
                + ",\"plugins\":[{\"type\":\"a\"}]}"));
        assertEquals(check, l.disableCheck());
        assertEquals(gc, l.disableGC());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7|{\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}|cniVersion: missing",
        "1|{\"cniVersion\":\"3.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}|cniVersion: unsupported CNI version \"3.0.0\"",
        "1|{\"cniVersions\":[\"3.0.0\"],\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}|cniVersions: none of [3.0.0]",
        "7|{\"cniVersions\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}|cniVersions: expected an array",
        "7|{\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"a\"}]}|name: missing",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"a/b\",\"plugins\":[{\"type\":\"a\"}]}|name: \"a/b\"",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"n\"}|plugins: missing",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[]}|plugins: must not be empty",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":{}}|plugins: expected an array",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"a\"},{}]}|plugins[1].type: missing",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[5]}|plugins[0]: expected an object",
        "7|{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"disableCheck\":\"maybe\",\"plugins\":[{\"type\":\"a\"}]}|disableCheck: expected a boolean",
        "6|[]|network config list: expected a JSON object",
        "6|{|network config list: malformed JSON"})
    void badListsFailWithTheirCodeNamingTheField(int code, String json, String message) {
        assertCniError(code, message, () -> ConfList.parse(utf8(json)));
    }
}
