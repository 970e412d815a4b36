package io.jcni.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorJsonTest {
    @ParameterizedTest
    @EnumSource(CniVersion.class)
    void writesTheSpecErrorObjectInEveryVersion(CniVersion v) {
        CniException withDetails = new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "mtu: expected an integer, got \"big\"",
                "while reading the bridge config");
        CniException without = new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_COMMAND is required");
        assertEquals(Golden.text("error-details-" + v + ".json"), text(ErrorJson.write(withDetails, v.text())));
        assertEquals(Golden.text("error-" + v + ".json"), text(ErrorJson.write(without, v.text())));
    }

    @Test
    void writesPluginSpecificCodesAndAnyVersionText() {
        CniException e = new CniException(107, "vlan: bridge VLAN filtering is not supported by this kernel");
        assertEquals("{\"cniVersion\":\"0.0.9\",\"code\":107,\"msg\":\"vlan: bridge VLAN filtering is not supported by this kernel\"}",
                text(Json.compact(ErrorJson.toJson(e, "0.0.9"))));
    }

    @Test
    void readsAnotherPluginsError() throws CniException {
        CniException e = ErrorJson.parse(Golden.bytes("error-details-1.0.0.json"));
        assertEquals(7, e.code());
        assertEquals("mtu: expected an integer, got \"big\"", e.msg());
        assertEquals("while reading the bridge config", e.details());
        // the reference plugins print no cniVersion and codes like 999
        CniException ref = ErrorJson.parse(utf8("{\n    \"code\": 999,\n    \"msg\": \"failed to load netconf\"\n}"));
        assertEquals(999, ref.code());
        assertEquals("", ref.details());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"code\":\"7\"}", "{\"code\":0}", "{\"code\":1.5}"})
    void outputThatIsNoErrorIsCode6(String json) {
        assertCniError(6, "code: expected a positive integer", () -> ErrorJson.parse(utf8(json)));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
