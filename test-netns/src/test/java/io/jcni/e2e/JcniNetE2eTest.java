package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jcni net} and cnitool (libcni) share one config dir and one result cache: what one adds
 * the other checks and deletes, capability arguments included, and jcni's cache entry is
 * libcni's. Also: CHECK reports a damaged attachment, GC deletes exactly the attachment whose
 * namespace is gone.
 */
class JcniNetE2eTest {
    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private SandboxHost host;
    private CniTool cnitool;
    private JcniCli jcni;
    private BridgeConflist conflist;

    private void setUp() {
        host = lab.host();
        cnitool = new CniTool(PluginSet.jcni(), host, work.resolve("cni"));
        conflist = PortmapConflist.of("1.0.0", work.resolve("ipam"), Map.of());
        cnitool.install(conflist);
        jcni = new JcniCli(host, work.resolve("cni/net.d"), work.resolve("cni/cache"));
    }

    private Path cacheFile(Attachment a) {
        return work.resolve("cni/cache/results").resolve(conflist.name() + "-" + a.containerId() + "-" + a.ifname());
    }

    private Map<String, String> env(Attachment a) {
        Map<String, String> env = new HashMap<>(PortmapConflist.CAP_ARGS);
        env.put("CNI_CONTAINERID", a.containerId());
        return env;
    }

    @Test
    void whatJcniNetAddsCnitoolChecksAndDeletes() throws IOException {
        setUp();
        PausePod pod = lab.pausePod();
        Attachment a = Attachment.of(pod);

        ExecResult add = jcni.run(env(a), "net", "add", conflist.name(), pod.netnsPath().toString()).orFail();
        AddResult added = new AddResult(Json.parse(add.stdout()));
        assertTrue(added.ip(false).startsWith("10.23.0."), add.stdout());
        assertEquals("1.0.0", added.cniVersion());

        // libcni's cniCacheV1 entry, field for field
        JsonNode cached = Json.parse(Files.readString(cacheFile(a)));
        assertEquals("cniCacheV1", cached.path("kind").asText());
        assertEquals(a.containerId(), cached.path("containerId").asText());
        assertEquals("eth0", cached.path("ifName").asText());
        assertEquals(conflist.name(), cached.path("networkName").asText());
        assertEquals(pod.netnsPath().toString(), cached.path("netns").asText());
        assertArrayEquals(Files.readAllBytes(work.resolve("cni/net.d").resolve(conflist.name() + ".conflist")),
                Base64.getDecoder().decode(cached.path("config").asText()));
        assertEquals(8080, cached.path("capabilityArgs").path("portMappings").get(0).path("hostPort").asInt());
        assertEquals(added.address(false), cached.path("result").path("ips").get(0).path("address").asText());
        assertTrue(Inspect.natRules(host).contains("8080"), "portmap got its runtimeConfig");

        cnitool.check(conflist.name(), a, PortmapConflist.CAP_ARGS);
        cnitool.del(conflist.name(), a, PortmapConflist.CAP_ARGS);

        assertNothingLeft(a, added);
    }

    @Test
    void whatCnitoolAddsJcniNetChecksAndDeletes() {
        setUp();
        PausePod pod = lab.pausePod();
        Attachment a = Attachment.of(pod);
        AddResult added = cnitool.add(conflist.name(), a, PortmapConflist.CAP_ARGS);
        assertTrue(Files.exists(cacheFile(a)));

        jcni.run(env(a), "net", "check", conflist.name(), pod.netnsPath().toString()).orFail();
        jcni.run(env(a), "net", "del", conflist.name(), pod.netnsPath().toString()).orFail();

        assertNothingLeft(a, added);
    }

    @Test
    void checkFailsWhenThePodLostItsInterface() {
        setUp();
        PausePod pod = lab.pausePod();
        Attachment a = Attachment.of(pod);
        AddResult added = new AddResult(Json.parse(
                jcni.run(env(a), "net", "add", conflist.name(), pod.netnsPath().toString()).orFail().stdout()));
        pod.exec("ip", "link", "del", "eth0").orFail();

        ExecResult check = jcni.run(env(a), "net", "check", conflist.name(), pod.netnsPath().toString());

        assertEquals(1, check.exitCode(), check.describe());
        assertTrue(check.stderr().contains("jcni net check: plugin type=\"bridge\" failed (check)"), check.describe());
        jcni.run(env(a), "net", "del", conflist.name(), pod.netnsPath().toString()).orFail();
        assertNothingLeft(a, added);
    }

    @Test
    void gcDeletesTheAttachmentWhoseNamespaceIsGoneAndKeepsTheOther() {
        setUp();
        PausePod live = lab.pausePod();
        PausePod gone = lab.pausePod();
        Attachment keep = Attachment.of(live);
        Attachment stale = Attachment.of(gone);
        AddResult kept = new AddResult(Json.parse(
                jcni.run(env(keep), "net", "add", conflist.name(), live.netnsPath().toString()).orFail().stdout()));
        AddResult removed = new AddResult(Json.parse(
                jcni.run(env(stale), "net", "add", conflist.name(), gone.netnsPath().toString()).orFail().stdout()));
        gone.close();

        JsonNode gc = Json.parse(jcni.run("net", "gc", "-o", "json", conflist.name()).orFail().stdout());

        assertEquals(1, gc.size(), gc.toString());
        assertEquals(stale.containerId(), gc.get(0).path("containerId").asText());
        assertEquals("eth0", gc.get(0).path("ifName").asText());
        assertEquals(gone.netnsPath().toString(), gc.get(0).path("netns").asText());
        assertFalse(Files.exists(cacheFile(stale)));
        assertTrue(Files.exists(cacheFile(keep)));
        assertEquals(List.of(kept.ip(false), kept.ip(true)).stream().sorted().toList(),
                Inspect.reservations(conflist.reservations()));
        assertFalse(Inspect.natRulesMention(host, removed.ip(false)));

        jcni.run(env(keep), "net", "del", conflist.name(), live.netnsPath().toString()).orFail();
        assertNothingLeft(keep, kept);
    }

    private void assertNothingLeft(Attachment a, AddResult added) {
        assertFalse(Files.exists(cacheFile(a)), "cache entry left: " + cacheFile(a));
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(conflist.reservations()));
        assertFalse(Inspect.natRulesMention(host, added.ip(false)), Inspect.natRules(host));
        assertFalse(Inspect.natRules(host).contains("8080"), Inspect.natRules(host));
    }
}
