package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How plugins read their own keys: {@link FieldReader} over the config's raw tree, and the errors a
 * user sees (the reader's code, the field's path, what was expected and what was there).
 */
class FieldReaderTest {
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    static ObjectNode config(String extra) throws CniException {
        return NetworkConfig.parse(utf8("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\""
                + (extra.isEmpty() ? "" : "," + extra) + "}")).raw();
    }

    /** Reads the keys of a bridge-like config the way the plugins do; throws on the first bad one. */
    static void readAll(ObjectNode raw) throws CniException {
        READER.optString(raw, "", "bridge");
        READER.optBoolean(raw, "", "isGateway");
        READER.optInt(raw, "", "mtu");
        List<JsonNode> trunks = READER.optArray(raw, "", "vlanTrunk");
        for (int i = 0; i < trunks.size(); i++) {
            String p = FieldReader.index("vlanTrunk", i);
            READER.optInt(READER.object(trunks.get(i), p), p, "id");
        }
        List<JsonNode> sets = READER.optArray(raw, "", "ranges");
        for (int i = 0; i < sets.size(); i++) {
            String setPath = FieldReader.index("ranges", i);
            if (!sets.get(i).isArray()) {
                throw READER.mismatch(setPath, "an array", sets.get(i));
            }
            for (int j = 0; j < sets.get(i).size(); j++) {
                String p = FieldReader.index(setPath, j);
                ObjectNode range = READER.object(sets.get(i).get(j), p);
                READER.requiredPrefix(range, p, "subnet");
                READER.optAddress(range, p, "gateway");
            }
        }
        READER.optStringList(raw, "", "search");
    }

    @Test
    void readsPresentKeysAndTreatsAbsentOrNullAsEmpty() throws CniException {
        ObjectNode raw = config("""
                "bridge":"br0","isGateway":true,"mtu":1400,"search":["a","b"],"gone":null,
                "range":{"subnet":"10.1.0.0/16","gateway":"10.1.0.1"}""");
        assertEquals("br0", READER.optString(raw, "", "bridge").orElseThrow());
        assertTrue(READER.optBoolean(raw, "", "isGateway").orElseThrow());
        assertEquals(1400, READER.optInt(raw, "", "mtu").orElseThrow());
        assertEquals(List.of("a", "b"), READER.optStringList(raw, "", "search"));
        assertTrue(READER.opt(raw, "gone").isEmpty());
        assertTrue(READER.optInt(raw, "", "absent").isEmpty());
        ObjectNode range = READER.optObject(raw, "", "range").orElseThrow();
        assertEquals(IpPrefix.parse("10.1.0.0/16"), READER.requiredPrefix(range, "range", "subnet"));
        assertEquals(IpText.parse("10.1.0.1"), READER.optAddress(range, "range", "gateway").orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"mtu\":\"big\"|mtu: expected an integer, got \"big\"",
        "\"mtu\":\"1500\"|mtu: expected an integer, got \"1500\"",
        "\"mtu\":1500.5|mtu: expected an integer, got 1500.5",
        "\"mtu\":true|mtu: expected an integer, got true",
        "\"mtu\":[1]|mtu: expected an integer, got an array",
        "\"mtu\":5000000000|mtu: expected an integer, got 5000000000",
        "\"isGateway\":\"true\"|isGateway: expected a boolean, got \"true\"",
        "\"isGateway\":1|isGateway: expected a boolean, got 1",
        "\"bridge\":5|bridge: expected a string, got 5",
        "\"bridge\":false|bridge: expected a string, got false",
        "\"bridge\":{}|bridge: expected a string, got an object",
        "\"vlanTrunk\":{\"id\":1}|vlanTrunk: expected an array, got an object",
        "\"vlanTrunk\":[{\"id\":1},{\"id\":\"x\"}]|vlanTrunk[1].id: expected an integer, got \"x\"",
        "\"vlanTrunk\":[5]|vlanTrunk[0]: expected an object, got 5",
        "\"ranges\":[[{\"subnet\":\"10.1.0.0\"}]]|ranges[0][0].subnet: ",
        "\"ranges\":[[{\"subnet\":5}]]|ranges[0][0].subnet: expected a string, got 5",
        "\"ranges\":[[{}]]|ranges[0][0].subnet: missing",
        "\"ranges\":[[{\"subnet\":\"10.1.0.0/16\",\"gateway\":\"localhost\"}]]|ranges[0][0].gateway: ",
        "\"search\":[\"a\",1]|search[1]: expected a string, got 1"})
    void aMismatchIsTheReadersCodeNamingThePath(String member, String message) {
        assertCniError(7, message, () -> readAll(config(member)));
    }

    @Test
    void theOffendingValueIsQuotedInAddressErrors() {
        CniException e = assertCniError(7, "ranges[0][0].subnet: ", () -> readAll(config(
                "\"ranges\":[[{\"subnet\":\"10.1.0.0\"}]]")));
        assertTrue(e.getMessage().contains("10.1.0.0"), e.getMessage());
    }

    @Test
    void literalAddressesAreNeverResolved() {
        CniException e = assertCniError(7, "gateway", () -> readAll(config(
                "\"ranges\":[[{\"subnet\":\"10.1.0.0/16\",\"gateway\":\"example.com\"}]]")));
        assertTrue(e.getMessage().contains("invalid IP address \"example.com\""), e.getMessage());
    }

    @Test
    void theReadersCodeIsTheOneItWasMadeWith() {
        FieldReader decoding = new FieldReader(ErrorCode.DECODING_FAILURE);
        assertCniError(6, "mtu: expected an integer", () -> decoding.optInt(config("\"mtu\":\"x\""), "", "mtu"));
    }
}
