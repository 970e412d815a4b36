package io.jcni.ipam.fixed;

import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import io.jcni.ipam.IpamErrors;
import io.jcni.ipam.ReferencePlugin;
import io.jcni.ipam.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticIpamTest {
    private final StaticIpam plugin = new StaticIpam();

    private static String config(String version, String ipam) {
        return """
                {"cniVersion":"%s","name":"net1","type":"bridge","ipam":{"type":"static",%s}}"""
                .formatted(version, ipam);
    }

    private static final String ONE_PER_FAMILY = """
            "addresses":[{"address":"10.10.0.5/24","gateway":"10.10.0.1"},{"address":"2001:db8::5/64"}],
            "routes":[{"dst":"0.0.0.0/0"},{"dst":"192.0.2.0/24","gw":"10.10.0.254"}],
            "dns":{"nameservers":["192.0.2.53"],"domain":"example.test","search":["example.test"],"options":["ndots:2"]}""";

    private String ours(Request r) throws CniException {
        return new String(ResultCodec.write(plugin.add(r), NetworkConfig.parse(r.config()).cniVersion()),
                StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0"})
    void resultMatchesTheReferenceInEveryVersionItSpeaks(String version) throws Exception {
        Request r = Requests.of(Verb.ADD, "c1", config(version, ONE_PER_FAMILY));
        ReferencePlugin.Outcome ref = ReferencePlugin.run("static", "ADD", "c1", "eth0", null, config(version, ONE_PER_FAMILY));
        assertEquals(0, ref.exitCode(), ref.stdout());
        assertEquals(ref.stdout(), ours(r));
    }

    @Test
    void version110() throws Exception {
        String out = ours(Requests.of(Verb.ADD, "c1", config("1.1.0", ONE_PER_FAMILY)));
        Result back = ResultCodec.read(out.getBytes(StandardCharsets.UTF_8), CniVersion.V1_1_0);
        assertTrue(out.contains("\"cniVersion\": \"1.1.0\""), out);
        assertEquals("10.10.0.5/24", back.ips().get(0).address().toString());
        assertEquals("10.10.0.1", back.ips().get(0).gateway().getHostAddress());
        assertEquals("2001:db8::5/64", back.ips().get(1).address().toString());
        assertNull(back.ips().get(1).gateway());
        assertEquals(2, back.routes().size());
        assertEquals("example.test", back.dns().domain());
    }

    @Test
    void cniArgsAddAddressesAndGateways() throws Exception {
        String ipam = "\"addresses\":[{\"address\":\"10.10.0.5/24\"}]";
        String args = "IP=10.20.0.5/24,2001:db8::7/64;GATEWAY=10.20.0.1";
        Result r = plugin.add(Requests.of(Verb.ADD, "c1", "eth0", args, config("1.0.0", ipam)));
        assertEquals(List.of("10.10.0.5/24", "10.20.0.5/24", "2001:db8::7/64"),
                r.ips().stream().map(ip -> ip.address().toString()).toList());
        assertNull(r.ips().get(0).gateway());
        assertEquals("10.20.0.1", r.ips().get(1).gateway().getHostAddress());
        ReferencePlugin.Outcome ref = ReferencePlugin.run("static", "ADD", "c1", "eth0", args, config("1.0.0", ipam));
        assertEquals(ref.stdout(), ours(Requests.of(Verb.ADD, "c1", "eth0", args, config("1.0.0", ipam))));
    }

    @Test
    void argsAndRuntimeConfigReplaceTheAddresses() throws Exception {
        String base = config("1.0.0", "\"addresses\":[{\"address\":\"10.10.0.5/24\"}]");
        String args = base.replaceFirst("\\{", "{\"args\":{\"cni\":{\"ips\":[\"10.30.0.5/24\"]}},");
        assertEquals("10.30.0.5/24", plugin.add(Requests.of(Verb.ADD, "c1", args)).ips().getFirst().address().toString());
        assertEquals(ReferencePlugin.run("static", "ADD", "c1", "eth0", null, args).stdout(),
                ours(Requests.of(Verb.ADD, "c1", args)));
        String rc = args.replaceFirst("\\{", "{\"runtimeConfig\":{\"ips\":[\"10.40.0.5/24\",\"10.41.0.5/24\"]},");
        Result r = plugin.add(Requests.of(Verb.ADD, "c1", rc));
        assertEquals(List.of("10.40.0.5/24", "10.41.0.5/24"), r.ips().stream().map(ip -> ip.address().toString()).toList());
    }

    @Test
    void invalidInputNamesTheField() {
        String[][] cases = {
                {"\"addresses\":[{\"address\":\"10.10.0.5\"}]", "ipam.addresses[0].address", "7"},
                {"\"addresses\":[{\"address\":\"10.10.0.5/24\",\"gateway\":\"2001:db8::1\"}]", "ipam.addresses[0].gateway", "7"},
                {"\"addresses\":[{}]", "ipam.addresses[0].address", "7"},
                {"\"addresses\":{}", "ipam.addresses", "7"},
                {"\"addresses\":[],\"routes\":[{\"gw\":\"10.0.0.1\"}]", "ipam.routes[0].dst", "7"},
                {"\"addresses\":[],\"dns\":{\"nameservers\":\"x\"}", "ipam.dns.nameservers", "7"}};
        for (String[] c : cases) {
            CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", config("1.0.0", c[0]))), c[0]);
            assertEquals(Integer.parseInt(c[2]), e.code(), c[0]);
            assertTrue(e.msg().startsWith(c[1]), c[0] + " -> " + e.msg());
        }
        CniException env = assertThrows(CniException.class, () -> plugin.add(
                Requests.of(Verb.ADD, "c1", "eth0", "IP=10.1.1.1", config("1.0.0", "\"addresses\":[]"))));
        assertEquals(4, env.code());
        assertTrue(env.msg().startsWith("CNI_ARGS IP"), env.msg());
        String rc = config("1.0.0", "\"addresses\":[]").replaceFirst("\\{", "{\"runtimeConfig\":{\"ips\":[\"10.1.1.1\"]},");
        CniException rcErr = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", rc)));
        assertTrue(rcErr.msg().startsWith("runtimeConfig.ips[0]"), rcErr.msg());
    }

    @Test
    void unknownCniArgsFailAddUnlessIgnored() {
        String conf = config("1.0.0", ONE_PER_FAMILY);
        CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "FOO=1", conf)));
        assertEquals(4, e.code());
        assertTrue(e.msg().contains("FOO"), e.msg());
        assertDoesNotThrow(() -> plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "IgnoreUnknown=true;FOO=1", conf)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.0"})
    void twoAddressesPerFamilyAreRefusedBefore030(String version) {
        String ipam = "\"addresses\":[{\"address\":\"10.10.0.5/24\"},{\"address\":\"10.11.0.5/24\"}]";
        CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", config(version, ipam))));
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("ipam.addresses") && e.msg().contains(version), e.msg());
        assertDoesNotThrow(() -> plugin.add(Requests.of(Verb.ADD, "c1", config("0.3.0", ipam))));
    }

    @Test
    void checkComparesWithPrevResult() throws Exception {
        String conf = config("1.0.0", ONE_PER_FAMILY);
        String prev = ours(Requests.of(Verb.ADD, "c1", conf));
        assertDoesNotThrow(() -> plugin.check(Requests.of(Verb.CHECK, "c1", conf.replaceFirst("\\{", "{\"prevResult\":" + prev + ","))));
        String wrongGw = prev.replace("\"10.10.0.1\"", "\"10.10.0.2\"");
        CniException gw = assertThrows(CniException.class, () -> plugin.check(
                Requests.of(Verb.CHECK, "c1", conf.replaceFirst("\\{", "{\"prevResult\":" + wrongGw + ","))));
        assertEquals(IpamErrors.NOT_ALLOCATED, gw.code());
        String missing = prev.replace("2001:db8::5/64", "2001:db8::6/64");
        CniException m = assertThrows(CniException.class, () -> plugin.check(
                Requests.of(Verb.CHECK, "c1", conf.replaceFirst("\\{", "{\"prevResult\":" + missing + ","))));
        assertEquals(IpamErrors.NOT_ALLOCATED, m.code());
        assertTrue(m.msg().contains("2001:db8::5/64"), m.msg());
        CniException none = assertThrows(CniException.class, () -> plugin.check(Requests.of(Verb.CHECK, "c1", conf)));
        assertEquals(7, none.code());
    }

    @Test
    void delGcAndStatusOnlyValidate() {
        String conf = config("1.1.0", ONE_PER_FAMILY);
        assertDoesNotThrow(() -> plugin.del(Requests.of(Verb.DEL, "c1", conf)));
        assertDoesNotThrow(() -> plugin.gc(Requests.of(Verb.GC, "", conf)));
        assertDoesNotThrow(() -> plugin.status(Requests.of(Verb.STATUS, "", conf)));
        CniException e = assertThrows(CniException.class, () -> plugin.del(Requests.of(Verb.DEL, "c1",
                config("1.1.0", "\"addresses\":[{\"address\":\"x\"}]"))));
        assertEquals(7, e.code());
    }
}
