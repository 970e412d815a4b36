package io.jcni.ipam;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.ipam.fixed.StaticIpam;
import io.jcni.ipam.hostlocal.HostLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing in-process or delegated IPAM, and delegation exactly as the spec describes. */
class IpamPluginsTest {
    @TempDir
    Path tmp;

    private Path bin() throws IOException {
        return Files.createDirectories(tmp.resolve("bin"));
    }

    /** The reference binary under a name we do not implement, so it is delegated to. */
    private Path linkReference(String plugin, String as) throws IOException {
        return Files.createSymbolicLink(bin().resolve(as), ReferencePlugin.DIR.resolve(plugin));
    }

    private Path script(String name, String body) throws IOException {
        Path p = bin().resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private Request request(Verb verb, String containerId, String config) throws CniException {
        return Requests.withPath(Requests.of(verb, containerId, "eth0", "IgnoreUnknown=1;K8S_POD_NAME=p1", config),
                List.of(tmp.resolve("empty"), tmp.resolve("bin")));
    }

    private String hostLocalConfig(String version, String type) {
        return """
                {"cniVersion":"%s","name":"dnet","type":"bridge","ipam":{"type":"%s","dataDir":"%s",
                "ranges":[[{"subnet":"10.7.0.0/30"}]]}}""".formatted(version, type, tmp.resolve("data"));
    }

    @Test
    void hostLocalAndStaticRunInProcess() throws CniException {
        assertInstanceOf(HostLocal.class, IpamPlugins.forType("host-local", List.of()));
        assertInstanceOf(StaticIpam.class, IpamPlugins.forType("static", List.of()));
        Request r = Requests.of(Verb.ADD, "c1", hostLocalConfig("1.0.0", "host-local"));
        assertInstanceOf(HostLocal.class, IpamPlugins.forRequest(r));
    }

    @Test
    void delegatesToTheReferenceHostLocalFoundOnCniPath() throws Exception {
        Path exe = linkReference("host-local", "ref-host-local");
        String conf = hostLocalConfig("1.0.0", "ref-host-local");
        CniPlugin p = IpamPlugins.forRequest(request(Verb.ADD, "c1", conf));
        DelegatedIpam d = assertInstanceOf(DelegatedIpam.class, p);
        assertEquals(exe, d.executable());
        assertEquals("ref-host-local", d.type());

        Result r = p.add(request(Verb.ADD, "c1", conf));
        assertEquals("10.7.0.2/30", r.ips().getFirst().address().toString());
        assertEquals("c1\r\neth0", Files.readString(tmp.resolve("data/dnet/10.7.0.2")));
        p.check(request(Verb.CHECK, "c1", conf));

        // the reference's own error object comes through with its code and message
        CniException full = assertThrows(CniException.class, () -> p.add(request(Verb.ADD, "c2", conf)));
        assertEquals(999, full.code());
        assertTrue(full.msg().contains("no IP addresses available"), full.msg());

        p.del(request(Verb.DEL, "c1", conf));
        assertFalse(Files.exists(tmp.resolve("data/dnet/10.7.0.2")));
    }

    @Test
    void delegatedResultIsReadInTheConfigsVersion() throws Exception {
        linkReference("static", "ref-static");
        String conf = """
                {"cniVersion":"0.2.0","name":"dnet","type":"bridge","ipam":{"type":"ref-static",
                "addresses":[{"address":"10.8.0.5/24","gateway":"10.8.0.1"},{"address":"2001:db8::5/64"}],
                "routes":[{"dst":"0.0.0.0/0"}]}}""";
        Result r = IpamPlugins.forRequest(request(Verb.ADD, "c1", conf)).add(request(Verb.ADD, "c1", conf));
        assertEquals(List.of("10.8.0.5/24", "2001:db8::5/64"), r.ips().stream().map(ip -> ip.address().toString()).toList());
        assertEquals("10.8.0.1", r.ips().getFirst().gateway().getHostAddress());
        assertEquals(1, r.routes().size());
    }

    @Test
    void passesEnvironmentAndConfigAsTheSpecSays() throws Exception {
        Path env = tmp.resolve("env");
        Path stdin = tmp.resolve("stdin");
        script("recorder", """
                env | grep '^CNI_' | sort > %s.$CNI_COMMAND
                cat > %s.$CNI_COMMAND
                if [ "$CNI_COMMAND" = ADD ]; then echo '{"cniVersion":"1.0.0","ips":[{"address":"10.9.9.9/24"}]}'; fi
                """.formatted(env, stdin));
        String conf = hostLocalConfig("1.0.0", "recorder");
        CniPlugin p = IpamPlugins.forType("recorder", List.of(tmp.resolve("empty"), tmp.resolve("bin")));
        Result r = p.add(request(Verb.ADD, "c1", conf));
        assertEquals("10.9.9.9/24", r.ips().getFirst().address().toString());
        assertEquals(List.of("CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAME=p1", "CNI_COMMAND=ADD", "CNI_CONTAINERID=c1",
                        "CNI_IFNAME=eth0", "CNI_NETNS=/var/run/netns/jt-unused",
                        "CNI_PATH=" + tmp.resolve("empty") + ":" + tmp.resolve("bin")),
                Files.readAllLines(Path.of(env + ".ADD")));
        assertArrayEquals(conf.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(Path.of(stdin + ".ADD")));

        Request delNoNetns = Request.builder(Verb.DEL).containerId("c1").ifname("eth0")
                .path(List.of(tmp.resolve("bin"))).config(conf).build();
        p.del(delNoNetns);
        assertEquals(List.of("CNI_COMMAND=DEL", "CNI_CONTAINERID=c1", "CNI_IFNAME=eth0", "CNI_PATH=" + tmp.resolve("bin")),
                Files.readAllLines(Path.of(env + ".DEL")));
        p.check(request(Verb.CHECK, "c1", conf));
        assertTrue(Files.readAllLines(Path.of(env + ".CHECK")).contains("CNI_COMMAND=CHECK"));
        Request gc = Request.builder(Verb.GC).path(List.of(tmp.resolve("bin"))).config(conf).build();
        p.gc(gc);
        assertEquals(List.of("CNI_COMMAND=GC", "CNI_PATH=" + tmp.resolve("bin")), Files.readAllLines(Path.of(env + ".GC")));
        p.status(gc.with(Verb.STATUS, gc.config()));
        assertEquals(List.of("CNI_COMMAND=STATUS", "CNI_PATH=" + tmp.resolve("bin")),
                Files.readAllLines(Path.of(env + ".STATUS")));
    }

    @Test
    void pluginErrorObjectsPassThrough() throws Exception {
        script("failing", """
                cat > /dev/null
                echo '{"cniVersion":"1.0.0","code":117,"msg":"lease refused","details":"server said no"}'
                exit 1
                """);
        CniPlugin p = IpamPlugins.forType("failing", List.of(tmp.resolve("bin")));
        CniException e = assertThrows(CniException.class, () -> p.add(request(Verb.ADD, "c1", hostLocalConfig("1.0.0", "failing"))));
        assertEquals(117, e.code());
        assertEquals("lease refused", e.msg());
        assertEquals("server said no", e.details());
    }

    @Test
    void stderrIsCapturedIntoTheErrorsDetails() throws Exception {
        script("noisy", """
                cat > /dev/null
                echo 'dhcp daemon not running' >&2
                echo '{"cniVersion":"1.0.0","code":117,"msg":"lease refused","details":"server said no"}'
                exit 1
                """);
        CniException e = assertThrows(CniException.class, () -> IpamPlugins.forType("noisy", List.of(tmp.resolve("bin")))
                .add(request(Verb.ADD, "c1", hostLocalConfig("1.0.0", "noisy"))));
        assertEquals(117, e.code());
        assertEquals("server said no\nstderr: dhcp daemon not running", e.details());
    }

    @Test
    void theInvocationsEnvironmentNotTheJvmsWithCniVariablesReplaced() throws Exception {
        Path env = tmp.resolve("env");
        script("envdump", """
                cat > /dev/null
                env | sort > %s
                """.formatted(env));
        Request req = request(Verb.DEL, "c1", hostLocalConfig("1.0.0", "envdump")).toBuilder()
                .environment(java.util.Map.of("FROM_CALLER", "yes", "CNI_COMMAND", "ADD", "CNI_IFNAME", "stale0"))
                .build();
        IpamPlugins.forType("envdump", List.of(tmp.resolve("bin"))).del(req);
        List<String> seen = Files.readAllLines(env);
        assertTrue(seen.contains("FROM_CALLER=yes"), seen.toString());
        assertTrue(seen.contains("CNI_COMMAND=DEL") && seen.contains("CNI_IFNAME=eth0"), seen.toString());
        assertFalse(seen.contains("CNI_IFNAME=stale0"), seen.toString());
        assertFalse(seen.stream().anyMatch(l -> l.startsWith("JAVA_HOME=") || l.startsWith("HOME=")), seen.toString());
    }

    @Test
    void garbageOnFailureIsCode6AndAnUnreadableResultToo() throws Exception {
        script("garbage", "cat > /dev/null; echo 'panic: oops'; exit 2\n");
        CniException e = assertThrows(CniException.class, () -> IpamPlugins.forType("garbage", List.of(tmp.resolve("bin")))
                .del(request(Verb.DEL, "c1", hostLocalConfig("1.0.0", "garbage"))));
        assertEquals(6, e.code());
        assertTrue(e.msg().contains("garbage") && e.msg().contains("2"), e.msg());
        assertTrue(e.details().contains("panic: oops"), e.details());

        script("badresult", "cat > /dev/null; echo '{\"ips\":[{\"address\":\"nope\"}]}'\n");
        CniException r = assertThrows(CniException.class, () -> IpamPlugins.forType("badresult", List.of(tmp.resolve("bin")))
                .add(request(Verb.ADD, "c1", hostLocalConfig("1.0.0", "badresult"))));
        assertEquals(6, r.code());
        assertTrue(r.msg().contains("badresult") && r.msg().contains("ips[0].address"), r.msg());
    }

    @Test
    void missingOrEscapingPluginsAreCode7NamingIpamType() throws Exception {
        bin();
        CniException missing = assertThrows(CniException.class, () -> IpamPlugins.forType("dhcp-nope", List.of(tmp.resolve("bin"))));
        assertEquals(7, missing.code());
        assertTrue(missing.msg().startsWith("ipam.type") && missing.msg().contains("dhcp-nope")
                && missing.msg().contains(tmp.resolve("bin").toString()), missing.msg());
        Files.writeString(bin().resolve("notexec"), "x");
        assertEquals(7, assertThrows(CniException.class, () -> IpamPlugins.forType("notexec", List.of(tmp.resolve("bin")))).code());
        for (String bad : new String[] {"../host-local", "..", "a/b", ""}) {
            CniException e = assertThrows(CniException.class, () -> IpamPlugins.forType(bad, List.of(ReferencePlugin.DIR)));
            assertEquals(7, e.code(), bad);
            assertTrue(e.msg().startsWith("ipam.type"), e.msg());
        }
        String noType = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\",\"ipam\":{}}";
        CniException e = assertThrows(CniException.class, () -> IpamPlugins.forRequest(Requests.of(Verb.ADD, "c1", noType)));
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("ipam.type"), e.msg());
    }
}
