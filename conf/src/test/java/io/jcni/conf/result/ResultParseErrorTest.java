package io.jcni.conf.result;

import io.jcni.conf.CniVersion;
import io.jcni.conf.Golden;
import io.jcni.conf.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.jcni.conf.CniAssertions.assertCniError;

/** A result that cannot be decoded is code 6, with the offending field's path. */
class ResultParseErrorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0.0|[]|result: expected an object, got an array",
        "1.0.0|{\"interfaces\":{}}|interfaces: expected an array, got an object",
        "1.0.0|{\"interfaces\":[\"eth0\"]}|interfaces[0]: expected an object, got \"eth0\"",
        "1.0.0|{\"interfaces\":[{\"name\":1}]}|interfaces[0].name: expected a string, got 1",
        "1.1.0|{\"interfaces\":[{\"name\":\"a\",\"mtu\":\"big\"}]}|interfaces[0].mtu: expected an integer, got \"big\"",
        "1.0.0|{\"ips\":[{}]}|ips[0].address: missing",
        "1.0.0|{\"ips\":[{\"address\":\"10.0.0.1\"}]}|ips[0].address: invalid CIDR \"10.0.0.1\"",
        "1.0.0|{\"ips\":[{\"address\":\"10.0.0.1/33\"}]}|ips[0].address: invalid CIDR \"10.0.0.1/33\"",
        "1.0.0|{\"ips\":[{\"address\":\"host.example/24\"}]}|ips[0].address: invalid IP address \"host.example\"",
        "1.0.0|{\"ips\":[{\"address\":\"10.0.0.2/24\",\"gateway\":\"10.0.0\"}]}|ips[0].gateway: invalid IP address",
        "1.0.0|{\"ips\":[{\"address\":\"10.0.0.2/24\",\"interface\":0}]}|ips[0].interface: index 0 is not an entry",
        "1.0.0|{\"ips\":[{\"address\":\"10.0.0.2/24\",\"interface\":\"0\"}]}|ips[0].interface: expected an integer",
        "0.4.0|{\"ips\":[{\"version\":\"6\",\"address\":\"10.0.0.2/24\"}]}|ips[0].version: \"6\" does not match",
        "1.0.0|{\"routes\":[{\"gw\":\"10.0.0.1\"}]}|routes[0].dst: missing",
        "1.1.0|{\"routes\":[{\"dst\":\"0.0.0.0/0\",\"table\":1.5}]}|routes[0].table: expected an integer, got 1.5",
        "1.0.0|{\"dns\":[]}|dns: expected an object, got an array",
        "1.0.0|{\"dns\":{\"domain\":5}}|dns.domain: expected a string, got 5",
        "0.2.0|{\"ip4\":\"10.0.0.2/24\"}|ip4: expected an object",
        "0.2.0|{\"ip4\":{}}|ip4.ip: missing",
        "0.2.0|{\"ip4\":{\"ip\":\"fd00::2/64\"}}|ip4.ip: \"fd00::2/64\" is not an IPv4 address",
        "0.1.0|{\"ip6\":{\"ip\":\"10.0.0.2/24\"}}|ip6.ip: \"10.0.0.2/24\" is not an IPv6 address",
        "0.2.0|{\"ip4\":{\"ip\":\"10.0.0.2/24\",\"routes\":[{\"dst\":\"x\"}]}}|ip4.routes[0].dst: invalid CIDR"})
    void undecodableResultIsCode6NamingTheField(String version, String json, String message) {
        CniVersion v = CniVersion.valueOf("V" + version.replace('.', '_'));
        assertCniError(6, message, () -> ResultCodec.parse(Json.read(Golden.utf8(json), "t"), v));
    }
}
