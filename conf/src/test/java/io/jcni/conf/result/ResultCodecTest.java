package io.jcni.conf.result;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Golden;
import io.jcni.conf.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jcni.conf.CniAssertions.assertCniError;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultCodecTest {
    static final Dns FULL_DNS = new Dns(List.of("8.8.8.8"), "example.com", List.of("example.com"), List.of("ndots:2"));

    /** The result the reference static IPAM plugin printed for result-dual-*.json. */
    static Result dual() {
        return new Result(List.of(),
                List.of(new IpConfig(IpPrefix.parse("10.10.0.1/24"), IpText.parse("10.10.0.254"), null),
                        new IpConfig(IpPrefix.parse("2001:db8::1/64"), IpText.parse("2001:db8::fe"), null)),
                List.of(new Route(IpPrefix.parse("0.0.0.0/0"), null),
                        new Route(IpPrefix.parse("192.168.0.0/16"), IpText.parse("10.10.5.1")),
                        new Route(IpPrefix.parse("2001:db8:1::/48"), null)),
                FULL_DNS);
    }

    /** A bridge plugin's result with every 1.1.0 attribute set (result-bridge-1.1.0.json). */
    static Result bridge() {
        return new Result(
                List.of(new Interface("cni0", "0a:58:0a:16:00:01", null),
                        new Interface("veth1a2b3c4d", "be:2f:7a:11:22:33", 1400, null, null, null),
                        new Interface("eth0", "6e:d5:9c:44:55:66", 1400, "/var/run/netns/jt-pod",
                                "/run/vhost/sock0", "0000:00:1f.6")),
                List.of(new IpConfig(IpPrefix.parse("10.22.0.5/16"), IpText.parse("10.22.0.1"), 2),
                        new IpConfig(IpPrefix.parse("fd00:22::5/64"), IpText.parse("fd00:22::1"), 2)),
                List.of(new Route(IpPrefix.parse("0.0.0.0/0"), IpText.parse("10.22.0.1"), 1400, 1360, 100, 0, 0),
                        new Route(IpPrefix.parse("::/0"), IpText.parse("fd00:22::1"), null, null, null, 100, null)),
                new Dns(List.of("10.22.0.10"), null, List.of("svc.cluster.local"), List.of()));
    }

    static String written(Result r, CniVersion v) throws CniException {
        return new String(ResultCodec.write(r, v), StandardCharsets.UTF_8);
    }

    static Result parsed(String golden, CniVersion v) throws CniException {
        return ResultCodec.parse(Json.read(Golden.bytes(golden), "golden"), v);
    }

    @ParameterizedTest
    @EnumSource(CniVersion.class)
    void writesTheReferenceOutputOfEveryVersion(CniVersion v) throws CniException {
        assertEquals(Golden.text("result-dual-" + v + ".json"), written(dual(), v));
        assertEquals(Golden.text("result-bridge-" + v + ".json"), written(bridge(), v));
    }

    @Test
    void writesAnEmptyDnsAsAnEmptyObject() throws CniException {
        Result r = new Result(List.of(), List.of(new IpConfig(IpPrefix.parse("10.10.0.1/24"), null, null)),
                List.of(), Dns.EMPTY);
        assertEquals(Golden.text("result-minimal-1.0.0.json"), written(r, CniVersion.V1_0_0));
    }

    @ParameterizedTest
    @EnumSource(CniVersion.class)
    void parsesEveryVersionAndWritesItBackUnchanged(CniVersion v) throws CniException {
        for (String kind : List.of("dual", "bridge")) {
            String golden = "result-" + kind + "-" + v + ".json";
            assertEquals(Golden.text(golden), written(parsed(golden, v), v), golden);
        }
    }

    @Test
    void parsingTheRichestVersionGivesTheWholeModel() throws CniException {
        assertEquals(bridge(), parsed("result-bridge-1.1.0.json", CniVersion.V1_1_0));
        assertEquals(dual(), parsed("result-dual-1.1.0.json", CniVersion.V1_1_0));
    }

    @Test
    void legacyFormsLoseInterfacesAndIndexes() throws CniException {
        Result r = parsed("result-bridge-0.2.0.json", CniVersion.V0_2_0);
        assertEquals(List.of(), r.interfaces());
        assertEquals(null, r.ips().getFirst().interfaceIndex());
        assertEquals(bridge().ips().get(1).address(), r.ips().get(1).address());
        assertEquals(2, r.routes().size());
    }

    @Test
    void writingSetsTheTargetVersion() throws CniException {
        for (CniVersion v : CniVersion.values()) {
            assertEquals(v.text(), ResultCodec.toJson(dual(), v).get("cniVersion").asText());
        }
    }

    @Test
    void parsingIgnoresTheResultsOwnVersionAndUnknownKeys() throws CniException {
        JsonNode n = Json.read(Golden.utf8("""
                {"cniVersion":"9.9.9","ips":[{"address":"10.0.0.2/24","future":1}],"future":{}}"""), "t");
        Result r = ResultCodec.parse(n, CniVersion.V1_0_0);
        assertEquals(IpPrefix.parse("10.0.0.2/24"), r.ips().getFirst().address());
    }

    @Test
    void readsAnotherPluginsOutput() throws CniException {
        assertEquals(dual(), ResultCodec.read(Golden.bytes("result-dual-0.4.0.json"), CniVersion.V0_4_0));
        assertCniError(6, "result: empty input", () -> ResultCodec.read(new byte[0], CniVersion.V1_0_0));
    }
}
