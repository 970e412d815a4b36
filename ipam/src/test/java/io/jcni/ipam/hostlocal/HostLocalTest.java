package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import io.jcni.ipam.IpamErrors;
import io.jcni.ipam.ReferencePlugin;
import io.jcni.ipam.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host-local plugin from config bytes to result, against the reference where it has one. */
class HostLocalTest {
    @TempDir
    Path tmp;

    private final HostLocal plugin = new HostLocal();

    private String config(String version, String ipam) {
        return """
                {"cniVersion":"%s","name":"net1","type":"bridge","ipam":{"type":"host-local","dataDir":"%s",%s}}"""
                .formatted(version, tmp.resolve("data"), ipam);
    }

    private static final String DUAL = """
            "ranges":[[{"subnet":"10.1.2.0/24","rangeStart":"10.1.2.10"}],[{"subnet":"2001:db8:1::/64"}]],
            "routes":[{"dst":"0.0.0.0/0"},{"dst":"192.0.2.0/24","gw":"10.1.2.1"}]""";

    private String ours(Request r) throws CniException {
        return new String(ResultCodec.write(plugin.add(r), io.jcni.conf.NetworkConfig.parse(r.config()).cniVersion()),
                StandardCharsets.UTF_8);
    }

    private List<String> storeFiles() throws IOException {
        Path dir = tmp.resolve("data/net1");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The same config in a fresh store gives the reference's bytes, in every version it speaks. */
    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.3.1", "0.4.0", "1.0.0"})
    void resultMatchesTheReference(String version) throws Exception {
        String ours = ours(Requests.of(Verb.ADD, "c1", config(version, DUAL)));
        Files.walk(tmp.resolve("data")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        ReferencePlugin.Outcome ref = ReferencePlugin.run("host-local", "ADD", "c1", "eth0", null, config(version, DUAL));
        assertEquals(0, ref.exitCode(), ref.stdout());
        assertEquals(ref.stdout(), ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.0"})
    void legacyVersionsAndLegacyKeysMatchTheReference(String version) throws Exception {
        String ipam = """
                "subnet":"10.3.0.0/16","rangeStart":"10.3.1.1","rangeEnd":"10.3.1.9","gateway":"10.3.0.1",
                "ranges":[[{"subnet":"2001:db8:3::/64"}]],"routes":[{"dst":"0.0.0.0/0"}]""";
        String ours = ours(Requests.of(Verb.ADD, "c1", config(version, ipam)));
        assertTrue(ours.contains("10.3.1.1/16"), ours);
        Files.walk(tmp.resolve("data")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        ReferencePlugin.Outcome ref = ReferencePlugin.run("host-local", "ADD", "c1", "eth0", null, config(version, ipam));
        assertEquals(0, ref.exitCode(), ref.stdout());
        assertEquals(ref.stdout(), ours);
    }

    @Test
    void version110ResultCarriesTheAddresses() throws CniException {
        Result r = plugin.add(Requests.of(Verb.ADD, "c1", config("1.1.0", DUAL)));
        assertEquals(2, r.ips().size());
        assertEquals("10.1.2.10/24", r.ips().get(0).address().toString());
        assertEquals("2001:db8:1::2/64", r.ips().get(1).address().toString());
        assertEquals(2, r.routes().size());
    }

    @Test
    void twoAddressesPerFamilyAreRefusedBefore030() throws IOException {
        String ipam = "\"ranges\":[[{\"subnet\":\"10.1.0.0/24\"}],[{\"subnet\":\"10.2.0.0/24\"}]]";
        CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", config("0.2.0", ipam))));
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("ipam.ranges") && e.msg().contains("0.2.0"), e.msg());
        assertEquals(List.of(), storeFiles());
    }

    @Test
    void invalidConfigsAreCode7NamingTheFieldAndLeaveNothing() throws IOException {
        String[][] cases = {
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/33\"}]]", "ipam.ranges[0][0].subnet"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0\"}]]", "ipam.ranges[0][0].subnet"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\",\"gateway\":\"10.2.0.1\"}]]", "ipam.ranges[0][0].gateway"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\",\"rangeEnd\":\"bogus\"}]]", "ipam.ranges[0][0].rangeEnd"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\"}],[{\"subnet\":\"10.1.0.0/25\"}]]", "ipam.ranges[1]"},
                {"\"subnet\":\"10.1.0.0/24\",\"ranges\":[[{\"subnet\":\"10.1.0.0/25\"}]]", "ipam.ranges[0]"},
                {"\"ranges\":[]", "ipam.ranges"},
                {"\"ranges\":{\"subnet\":\"10.1.0.0/24\"}", "ipam.ranges"},
                {"\"ranges\":[{\"subnet\":\"10.1.0.0/24\"}]", "ipam.ranges[0]"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\"}]],\"routes\":[{\"dst\":\"x\"}]", "ipam.routes[0].dst"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\"}]],\"dataDir\":5", "ipam.dataDir"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\"}]],\"dataDir\":\"/tmp/../etc\"", "ipam.dataDir"},
                {"\"ranges\":[[{\"subnet\":\"10.1.0.0/24\"}]],\"dataDir\":\"relative\"", "ipam.dataDir"}};
        for (String[] c : cases) {
            CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", config("1.0.0", c[0]))), c[0]);
            assertEquals(7, e.code(), c[0]);
            assertTrue(e.msg().startsWith(c[1]), c[0] + " -> " + e.msg());
        }
        assertEquals(List.of(), storeFiles());
    }

    @Test
    void missingIpamSectionIsCode7() {
        CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1",
                "{\"cniVersion\":\"1.0.0\",\"name\":\"net1\",\"type\":\"bridge\"}")));
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("ipam"), e.msg());
    }

    @Test
    void badAttachmentIdentifiersAreCode4() {
        String conf = config("1.0.0", DUAL);
        CniException id = assertThrows(CniException.class,
                () -> plugin.add(Requests.of(Verb.ADD, "bad\r\nid", "eth0", null, conf)));
        assertEquals(4, id.code());
        assertTrue(id.msg().startsWith("CNI_CONTAINERID"), id.msg());
        CniException ifname = assertThrows(CniException.class,
                () -> plugin.add(Requests.of(Verb.ADD, "c1", "a/b", null, conf)));
        assertEquals(4, ifname.code());
    }

    @Test
    void unknownCniArgsFailAddUnlessIgnored() throws Exception {
        String conf = config("1.0.0", DUAL);
        CniException e = assertThrows(CniException.class,
                () -> plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "MAC=00:11:22:33:44:55", conf)));
        assertEquals(4, e.code());
        assertTrue(e.msg().startsWith("CNI_ARGS") && e.msg().contains("MAC"), e.msg());
        assertEquals(List.of(), storeFiles());
        assertEquals(1, ReferencePlugin.run("host-local", "ADD", "c1", "eth0", "MAC=00:11:22:33:44:55", conf).exitCode(),
                "the reference refuses it too");
        assertDoesNotThrow(() -> plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "IgnoreUnknown=1;MAC=00:11:22:33:44:55", conf)));
        assertDoesNotThrow(() -> plugin.del(Requests.of(Verb.DEL, "c1", "eth0", "MAC=00:11:22:33:44:55", conf)));
        assertEquals(List.of("last_reserved_ip.0", "last_reserved_ip.1", "lock"), storeFiles());
    }

    @Test
    void requestedAddressesFromAllThreePlaces() throws CniException {
        String ipam = DUAL;
        Result env = plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "IgnoreUnknown=1;IP=10.1.2.50,2001:db8:1::50", config("1.0.0", ipam)));
        assertEquals("10.1.2.50/24", env.ips().get(0).address().toString());
        assertEquals("2001:db8:1::50/64", env.ips().get(1).address().toString());

        String args = config("1.0.0", ipam).replaceFirst("\\{", "{\"args\":{\"cni\":{\"ips\":[\"10.1.2.51\"]}},");
        assertEquals("10.1.2.51/24", plugin.add(Requests.of(Verb.ADD, "c2", args)).ips().get(0).address().toString());

        String rc = config("1.0.0", ipam).replaceFirst("\\{", "{\"runtimeConfig\":{\"ips\":[\"10.1.2.52/24\"]},");
        assertEquals("10.1.2.52/24", plugin.add(Requests.of(Verb.ADD, "c3", rc)).ips().get(0).address().toString());
    }

    @Test
    void badRequestedAddressesNameTheirSource() {
        CniException env = assertThrows(CniException.class,
                () -> plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "IP=10.1.2.300", config("1.0.0", DUAL))));
        assertEquals(4, env.code());
        assertTrue(env.msg().startsWith("CNI_ARGS IP"), env.msg());
        String rc = config("1.0.0", DUAL).replaceFirst("\\{", "{\"runtimeConfig\":{\"ips\":[\"nope\"]},");
        CniException conf = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", rc)));
        assertEquals(7, conf.code());
        assertTrue(conf.msg().startsWith("runtimeConfig.ips[0]"), conf.msg());
        CniException gw = assertThrows(CniException.class,
                () -> plugin.add(Requests.of(Verb.ADD, "c1", "eth0", "IP=10.1.2.1", config("1.0.0", DUAL))));
        assertEquals(IpamErrors.ADDRESS_UNAVAILABLE, gw.code());
    }

    @Test
    void resolvConfBecomesTheResultsDns() throws Exception {
        Path resolv = tmp.resolve("resolv.conf");
        Files.writeString(resolv, """
                # comment
                ; other comment
                nameserver 192.0.2.53
                nameserver 2001:db8::53
                domain example.test
                search a.example.test b.example.test
                options ndots:5 timeout:2
                sortlist 10.0.0.0
                nameserver
                """);
        String ipam = DUAL + ",\"resolvConf\":\"" + resolv + "\"";
        String ours = ours(Requests.of(Verb.ADD, "c1", config("1.0.0", ipam)));
        Files.walk(tmp.resolve("data")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        ReferencePlugin.Outcome ref = ReferencePlugin.run("host-local", "ADD", "c1", "eth0", null, config("1.0.0", ipam));
        assertEquals(ref.stdout(), ours);
        Result r = plugin.add(Requests.of(Verb.ADD, "c2", config("1.0.0", ipam)));
        assertEquals(List.of("192.0.2.53", "2001:db8::53"), r.dns().nameservers());
        assertEquals("example.test", r.dns().domain());
        assertEquals(List.of("a.example.test", "b.example.test"), r.dns().search());
        assertEquals(List.of("ndots:5", "timeout:2"), r.dns().options());
    }

    @Test
    void missingResolvConfIsCode7AndReservesNothing() throws IOException {
        String ipam = DUAL + ",\"resolvConf\":\"" + tmp.resolve("absent") + "\"";
        CniException e = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c1", config("1.0.0", ipam))));
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("ipam.resolvConf"), e.msg());
        assertFalse(storeFiles().stream().anyMatch(f -> f.startsWith("10.")));
    }

    @Test
    void delCheckGcStatus() throws Exception {
        String conf = config("1.0.0", DUAL);
        assertDoesNotThrow(() -> plugin.del(Requests.of(Verb.DEL, "unknown", conf)), "unknown container");
        Result r = plugin.add(Requests.of(Verb.ADD, "c1", conf));
        String prev = new String(ResultCodec.write(r, CniVersion.V1_0_0), StandardCharsets.UTF_8);
        String withPrev = conf.replaceFirst("\\{", "{\"prevResult\":" + prev + ",");
        assertDoesNotThrow(() -> plugin.check(Requests.of(Verb.CHECK, "c1", withPrev)));
        CniException other = assertThrows(CniException.class, () -> plugin.check(Requests.of(Verb.CHECK, "c2", conf)));
        assertEquals(IpamErrors.NOT_ALLOCATED, other.code());

        plugin.add(Requests.of(Verb.ADD, "c2", conf));
        String gc = conf.replaceFirst("\\{", "{\"cni.dev/valid-attachments\":[{\"containerID\":\"c2\",\"ifname\":\"eth0\"}],");
        plugin.gc(Requests.of(Verb.GC, "", gc));
        assertEquals(List.of("10.1.2.11", "2001:db8:1::3", "last_reserved_ip.0", "last_reserved_ip.1", "lock"), storeFiles());
        CniException noList = assertThrows(CniException.class, () -> plugin.gc(Requests.of(Verb.GC, "", conf)));
        assertEquals(7, noList.code());
        assertTrue(noList.msg().startsWith("cni.dev/valid-attachments"), noList.msg());

        assertDoesNotThrow(() -> plugin.status(Requests.of(Verb.STATUS, "", conf)));
        plugin.del(Requests.of(Verb.DEL, "c2", conf));
        assertEquals(List.of("last_reserved_ip.0", "last_reserved_ip.1", "lock"), storeFiles());
        CniException gone = assertThrows(CniException.class, () -> plugin.check(Requests.of(Verb.CHECK, "c2", conf)));
        assertEquals(IpamErrors.NOT_ALLOCATED, gone.code());
    }

    @Test
    void statusIs50WhenFull() throws CniException {
        String conf = config("1.1.0", "\"ranges\":[[{\"subnet\":\"10.5.0.0/30\"}]]");
        assertDoesNotThrow(() -> plugin.status(Requests.of(Verb.STATUS, "", conf)));
        plugin.add(Requests.of(Verb.ADD, "c1", conf));
        CniException e = assertThrows(CniException.class, () -> plugin.status(Requests.of(Verb.STATUS, "", conf)));
        assertEquals(50, e.code());
        CniException full = assertThrows(CniException.class, () -> plugin.add(Requests.of(Verb.ADD, "c2", conf)));
        assertEquals(IpamErrors.RANGE_EXHAUSTED, full.code());
        assertTrue(full.msg().contains("net1"), full.msg());
    }
}
