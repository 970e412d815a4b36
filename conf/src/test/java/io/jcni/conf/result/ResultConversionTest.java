package io.jcni.conf.result;

import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Golden;
import io.jcni.conf.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.text;
import static io.jcni.conf.result.ResultCodecTest.bridge;
import static io.jcni.conf.result.ResultCodecTest.dual;
import static io.jcni.conf.result.ResultCodecTest.written;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Conversion between every pair of versions: parse in one, write in the other. */
class ResultConversionTest {
    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (CniVersion from : CniVersion.values()) {
            for (CniVersion to : CniVersion.values()) {
                out.add(Arguments.of(from, to));
            }
        }
        return out.stream();
    }

    static Stream<CniVersion> listForms() {
        return Stream.of(CniVersion.values()).filter(v -> v.atLeast(CniVersion.V0_3_0));
    }

    static Stream<CniVersion> legacyForms() {
        return Stream.of(CniVersion.V0_1_0, CniVersion.V0_2_0);
    }

    /** 0.1.0-0.2.0 carry least, 0.3.0-1.0.0 more, 1.1.0 everything. */
    static int richness(CniVersion v) {
        return v.atLeast(CniVersion.V1_1_0) ? 2 : v.atLeast(CniVersion.V0_3_0) ? 1 : 0;
    }

    /** What a result in version v can carry of r. */
    static Result carried(Result r, CniVersion v) {
        if (richness(v) == 2) {
            return r;
        }
        List<Route> routes = r.routes().stream().map(rt -> new Route(rt.dst(), rt.gw())).toList();
        if (richness(v) == 1) {
            List<Interface> ifs = r.interfaces().stream()
                    .map(i -> new Interface(i.name(), i.mac(), i.sandbox())).toList();
            return new Result(ifs, r.ips(), routes, r.dns());
        }
        List<IpConfig> ips = r.ips().stream().map(ip -> new IpConfig(ip.address(), ip.gateway(), null)).toList();
        // the legacy form groups routes by family: IPv4 first
        List<Route> grouped = Stream.concat(routes.stream().filter(rt -> rt.dst().isIpv4()),
                routes.stream().filter(rt -> !rt.dst().isIpv4())).toList();
        return new Result(List.of(), ips, grouped, r.dns());
    }

    static Result convert(String json, CniVersion from, CniVersion to) throws CniException {
        Result parsed = ResultCodec.parse(Json.read(Golden.utf8(json), "t"), from);
        return ResultCodec.parse(ResultCodec.toJson(parsed, to), to);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void convertsBetweenEveryPair(CniVersion from, CniVersion to) throws CniException {
        // dual stack without interfaces or 1.1.0 attributes: nothing is lost in any direction
        Result viaDual = ResultCodec.parse(Json.read(Golden.bytes("result-dual-" + from + ".json"), "t"), from);
        assertEquals(text("result-dual-" + to + ".json"), written(viaDual, to));

        Result viaBridge = ResultCodec.parse(Json.read(Golden.bytes("result-bridge-" + from + ".json"), "t"), from);
        if (richness(from) >= richness(to)) {
            assertEquals(text("result-bridge-" + to + ".json"), written(viaBridge, to));
        } else {
            assertEquals(written(carried(bridge(), from), to), written(viaBridge, to));
        }
        Result expected = carried(carried(bridge(), from), to);
        assertEquals(expected, ResultCodec.parse(ResultCodec.toJson(viaBridge, to), to));
    }

    @ParameterizedTest
    @MethodSource("listForms")
    void twoAddressesOfAFamilyCannotBecomeLegacy(CniVersion from) throws CniException {
        Result twoV4 = new Result(List.of(new Interface("eth0", null, null)),
                List.of(new IpConfig(IpPrefix.parse("10.0.0.2/24"), null, 0),
                        new IpConfig(IpPrefix.parse("10.0.1.2/24"), null, 0)), List.of(), Dns.EMPTY);
        Result twoV6 = new Result(List.of(),
                List.of(new IpConfig(IpPrefix.parse("10.0.0.2/24"), null, null),
                        new IpConfig(IpPrefix.parse("fd00::2/64"), null, null),
                        new IpConfig(IpPrefix.parse("fd01::2/64"), null, null)), List.of(), Dns.EMPTY);
        for (CniVersion to : legacyForms().toList()) {
            String v4 = written(twoV4, from);
            assertCniError(1, "2 IPv4 addresses", () -> convert(v4, from, to));
            String v6 = written(twoV6, from);
            assertCniError(1, "2 IPv6 addresses", () -> convert(v6, from, to));
        }
    }

    @ParameterizedTest
    @MethodSource("listForms")
    void aRouteWithoutAnAddressOfItsFamilyCannotBecomeLegacy(CniVersion from) throws CniException {
        Result r = new Result(List.of(), List.of(new IpConfig(IpPrefix.parse("10.0.0.2/24"), null, null)),
                List.of(new Route(IpPrefix.parse("fd00::/8"), null)), Dns.EMPTY);
        String json = written(r, from);
        for (CniVersion to : legacyForms().toList()) {
            assertCniError(1, "route to fd00::/8 has no IPv6 address", () -> convert(json, from, to));
        }
    }

    @ParameterizedTest
    @MethodSource("legacyForms")
    void anEmptyResultConvertsToLegacy(CniVersion to) throws CniException {
        assertEquals("{\n    \"cniVersion\": \"" + to + "\",\n    \"dns\": {}\n}", written(Result.EMPTY, to));
    }

    @ParameterizedTest
    @MethodSource("listForms")
    void oneAddressPerFamilyConvertsToLegacy(CniVersion from) throws CniException {
        Result r = convert(written(dual(), from), from, CniVersion.V0_2_0);
        assertEquals(carried(dual(), CniVersion.V0_2_0), r);
    }
}
