package io.jcni.manager.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;
import io.jcni.conf.ValidAttachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libcni's chain semantics, against stand-in plugins (shell scripts that log each call's
 * environment and stdin and print a result naming themselves): no kernel, no root.
 */
class NetworkRunnerTest {
    @TempDir
    Path dir;

    private Path log;
    private NetworkRunner runner;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** A plugin that logs "TYPE COMMAND CONTAINERID NETNS IFNAME ARGS" and its stdin, and prints a result with one interface named TYPE. */
    private void plugin(String type, String exitCodeOnCommand) throws IOException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path p = bin.resolve(type);
        Files.writeString(p, """
                #!/bin/sh
                stdin=$(cat)
                { echo "TYPE $CNI_COMMAND $CNI_CONTAINERID $CNI_NETNS $CNI_IFNAME $CNI_ARGS"; echo "$stdin"; } >> LOG
                echo "stderr of TYPE" >&2
                if [ "$CNI_COMMAND" = "FAIL" ]; then echo '{"code":7,"msg":"TYPE refuses","details":"why"}'; exit 1; fi
                [ "$CNI_COMMAND" = "ADD" ] && echo '{"cniVersion":"1.0.0","interfaces":[{"name":"TYPE"}],"ips":[{"address":"10.1.0.2/24"}]}'
                exit 0
                """.replace("TYPE", type).replace("LOG", log.toString()).replace("FAIL", exitCodeOnCommand));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void setUp() throws IOException {
        log = dir.resolve("calls.log");
        runner = new NetworkRunner(new PluginExec(List.of(dir.resolve("nothing-here"), dir.resolve("bin")), Map.of("PATH", "/usr/bin:/bin"),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)), new ResultCache(dir.resolve("cache")));
    }

    private Network network(String version, String... plugins) throws CniException {
        String list = "{\"cniVersion\":\"" + version + "\",\"name\":\"net1\",\"plugins\":[" + String.join(",", plugins) + "]}";
        byte[] bytes = list.getBytes(StandardCharsets.UTF_8);
        return new Network(io.jcni.conf.ConfList.parse(bytes), bytes, dir.resolve("net1.conflist"));
    }

    private static RuntimeConf rt(String caps) throws CniException {
        return new RuntimeConf("c1", "/run/netns/p1", "eth0", CniArgs.parse("K8S_POD_NAME=web;IgnoreUnknown=1"),
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(caps.getBytes(StandardCharsets.UTF_8), "caps"));
    }

    /** The calls the plugins saw: a header line and the parsed stdin, per call. */
    private List<Map.Entry<String, JsonNode>> calls() throws IOException, CniException {
        List<String> lines = Files.readAllLines(log);
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            out.add(Map.entry(lines.get(i).strip(), Json.read(lines.get(i + 1).getBytes(StandardCharsets.UTF_8), "stdin")));
        }
        return out;
    }

    @Test
    void addChainsResultsInjectsCapabilitiesAndCachesWhatLibcniCaches() throws Exception {
        plugin("first", "none");
        plugin("second", "none");
        Network n = network("1.0.0", "{\"type\":\"first\"}",
                "{\"type\":\"second\",\"capabilities\":{\"portMappings\":true,\"bandwidth\":false},\"runtimeConfig\":{\"stale\":1}}");

        var result = runner.add(n, rt("{\"portMappings\":[{\"hostPort\":80}],\"bandwidth\":{\"rate\":1}}"));

        assertEquals("second", result.interfaces().getFirst().name());
        var calls = calls();
        assertEquals("first ADD c1 /run/netns/p1 eth0 K8S_POD_NAME=web;IgnoreUnknown=1", calls.get(0).getKey());
        assertFalse(calls.get(0).getValue().has("prevResult"));
        assertFalse(calls.get(0).getValue().has("runtimeConfig"), "first declares no capabilities");
        assertEquals("net1", calls.get(0).getValue().path("name").asText());
        assertEquals("1.0.0", calls.get(0).getValue().path("cniVersion").asText());
        JsonNode second = calls.get(1).getValue();
        assertEquals("first", second.path("prevResult").path("interfaces").get(0).path("name").asText());
        assertEquals("{\"portMappings\":[{\"hostPort\":80}]}", Json.mapper().writeValueAsString(second.path("runtimeConfig")),
                "only the declared, enabled capability, replacing the entry's own runtimeConfig");
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("stderr of first"), "plugin stderr passed on");

        JsonNode cached = Json.read(Files.readAllBytes(dir.resolve("cache/results/net1-c1-eth0")), "cache");
        assertEquals(List.of("kind", "containerId", "config", "ifName", "networkName", "netns", "cniArgs", "capabilityArgs", "result"),
                fieldNames(cached));
        assertEquals("cniCacheV1", cached.path("kind").asText());
        assertEquals(new String(n.bytes(), StandardCharsets.UTF_8),
                new String(Base64.getDecoder().decode(cached.path("config").asText()), StandardCharsets.UTF_8));
        assertEquals("[[\"K8S_POD_NAME\",\"web\"],[\"IgnoreUnknown\",\"1\"]]", Json.mapper().writeValueAsString(cached.path("cniArgs")));
        assertEquals(List.of("bandwidth", "portMappings"), fieldNames(cached.path("capabilityArgs")), "Go sorts map keys");
        assertEquals(List.of("cniVersion", "dns", "interfaces", "ips"), fieldNames(cached.path("result")));
        assertEquals(0700, mode(dir.resolve("cache/results")));
        assertEquals(0600, mode(dir.resolve("cache/results/net1-c1-eth0")));
    }

    @Test
    void delRunsInReverseWithTheCachedResultThenDropsTheEntry() throws Exception {
        plugin("first", "none");
        plugin("second", "none");
        Network n = network("1.0.0", "{\"type\":\"first\"}", "{\"type\":\"second\"}");
        runner.add(n, rt("{}"));
        Files.delete(log);

        runner.check(n, rt("{}"));
        runner.del(n, rt("{}"));

        var calls = calls();
        assertEquals(List.of("first CHECK", "second CHECK", "second DEL", "first DEL"),
                calls.stream().map(c -> c.getKey().split(" ")[0] + " " + c.getKey().split(" ")[1]).toList());
        for (var c : calls) {
            assertEquals("second", c.getValue().path("prevResult").path("interfaces").get(0).path("name").asText(), c.getKey());
        }
        assertFalse(Files.exists(dir.resolve("cache/results/net1-c1-eth0")));
    }

    @Test
    void delGoesOnWithoutAnUnreadableCacheEntryAndDropsIt() throws Exception {
        plugin("first", "none");
        Network n = network("1.0.0", "{\"type\":\"first\"}");
        Path entry = dir.resolve("cache/results/net1-c1-eth0");
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "{\"kind\":\"cniCacheV1\",\"result\":{\"cniVersion\":\"9.9.9\"}}");

        runner.del(n, rt("{}"));

        assertFalse(calls().getFirst().getValue().has("prevResult"));
        assertFalse(Files.exists(entry));
    }

    @Test
    void aFailingPluginIsNamedWithItsErrorAndStopsTheChain() throws Exception {
        plugin("first", "ADD");
        plugin("second", "none");
        Network n = network("1.0.0", "{\"type\":\"first\"}", "{\"type\":\"second\"}");

        CniException e = assertThrows(CniException.class, () -> runner.add(n, rt("{}")));

        assertEquals(7, e.code());
        assertEquals("plugin type=\"first\" failed (add): first refuses", e.msg());
        assertEquals("why", e.details());
        assertEquals(1, calls().size(), "second never ran");
        assertFalse(Files.exists(dir.resolve("cache/results/net1-c1-eth0")));
    }

    @Test
    void aMissingPluginIsNamedWithThePath() throws Exception {
        Network n = network("1.0.0", "{\"type\":\"nowhere\"}");
        CniException e = assertThrows(CniException.class, () -> runner.add(n, rt("{}")));
        assertTrue(e.msg().startsWith("plugin type=\"nowhere\" failed (add): failed to find plugin \"nowhere\" in path ["), e.msg());
    }

    @Test
    void checkNeedsSpec040AndHonoursDisableCheck() throws Exception {
        plugin("first", "none");
        CniException old = assertThrows(CniException.class, () -> runner.check(network("0.3.1", "{\"type\":\"first\"}"), rt("{}")));
        assertEquals("configuration version \"0.3.1\" does not support the CHECK command", old.msg());
        byte[] bytes = "{\"cniVersion\":\"1.0.0\",\"name\":\"net1\",\"disableCheck\":true,\"plugins\":[{\"type\":\"first\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        runner.check(new Network(io.jcni.conf.ConfList.parse(bytes), bytes, dir), rt("{}"));
        assertFalse(Files.exists(log), "no plugin ran");
    }

    @Test
    void gcDeletesCachedAttachmentsNotValidThenSendsGcWithTheValidOnes() throws Exception {
        plugin("first", "none");
        Network n = network("1.1.0", "{\"type\":\"first\"}");
        runner.add(n, rt("{}"));
        runner.add(n, new RuntimeConf("c2", "/run/netns/p2", "eth0", CniArgs.EMPTY, Json.object()));
        Files.delete(log);

        var deleted = runner.gc(n, List.of(new ValidAttachment("c1", "eth0")));

        assertEquals(List.of("c2"), deleted.stream().map(CachedAttachment::containerId).toList());
        var calls = calls();
        assertEquals("first DEL c2 /run/netns/p2 eth0", calls.get(0).getKey());
        assertEquals("first GC", calls.get(1).getKey().strip());
        assertEquals("[{\"containerID\":\"c1\",\"ifname\":\"eth0\"}]",
                Json.mapper().writeValueAsString(calls.get(1).getValue().path("cni.dev/valid-attachments")));
        assertTrue(Files.exists(dir.resolve("cache/results/net1-c1-eth0")));
        assertFalse(Files.exists(dir.resolve("cache/results/net1-c2-eth0")));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static int mode(Path p) throws IOException {
        int m = 0;
        for (var perm : Files.getPosixFilePermissions(p)) {
            m |= 1 << (8 - perm.ordinal());
        }
        return m;
    }
}
