package io.jcni.plugin.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.Json;
import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Log;
import io.jcni.plugin.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * host-local and static as registered plugins behind the dispatcher, the way their installed
 * executables serve a runtime: every verb, stdout and exit status as the spec says, and the
 * results byte for byte those of the reference plugins where the reference speaks the version.
 */
class IpamDispatchTest {
    private static final Path REFERENCE = Path.of("/usr/lib/cni");

    @TempDir
    Path tmp;

    /** What one invocation printed and returned. */
    private record Outcome(int status, String stdout) {
        JsonNode json() throws Exception {
            return Json.read(stdout.getBytes(StandardCharsets.UTF_8), "stdout");
        }

        void ok() {
            assertEquals(0, status, stdout);
        }

        void error(int code, String text) throws Exception {
            assertEquals(1, status, stdout);
            assertEquals(code, json().path("code").asInt(), stdout);
            assertTrue(json().path("msg").asText().contains(text), stdout);
        }
    }

    private static Map<String, String> env(String command, String containerId) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        if (containerId != null) {
            env.put("CNI_CONTAINERID", containerId);
            env.put("CNI_NETNS", "/var/run/netns/jt-unused");
            env.put("CNI_IFNAME", "eth0");
        }
        env.put("CNI_PATH", REFERENCE.toString());
        return env;
    }

    private static Outcome ours(String type, Map<String, String> env, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(OutputStream.nullOutputStream()), Optional.empty(), type);
        int status = new Dispatcher(Plugins.load(), log).run(env, stdin.getBytes(StandardCharsets.UTF_8), type, out);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8));
    }

    private static Outcome reference(String type, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(REFERENCE.resolve(type).toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("CNI_"));
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Outcome(p.exitValue(), out);
    }

    private String hostLocal(String version, Path dataDir) {
        return """
                {"cniVersion":"%s","name":"dnet","type":"bridge","ipam":{"type":"host-local","dataDir":"%s",
                "ranges":[[{"subnet":"10.4.0.0/30"}],[{"subnet":"2001:db8:4::/64"}]],"routes":[{"dst":"0.0.0.0/0"}]}}"""
                .formatted(version, dataDir);
    }

    private static String withKey(String config, String key, String json) {
        return config.replaceFirst("\\{", "{\"" + key + "\":" + json + ",");
    }

    private List<String> addressFiles(Path dataDir) throws Exception {
        try (Stream<Path> s = Files.list(dataDir.resolve("dnet"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("l")).sorted().toList();
        }
    }

    @Test
    void bothAreRegisteredForInstallation() {
        List<String> types = Plugins.load().types();
        assertTrue(types.contains("host-local") && types.contains("static"), types.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host-local", "static"})
    void versionListsEverySpecVersion(String type) throws Exception {
        Outcome o = ours(type, Map.of("CNI_COMMAND", "VERSION"), "");
        o.ok();
        assertEquals("1.1.0", o.json().path("cniVersion").asText());
        assertEquals(List.of("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"),
                Json.mapper().convertValue(o.json().path("supportedVersions"), List.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void hostLocalAddCheckDelAsTheReference(String version) throws Exception {
        String mine = hostLocal(version, tmp.resolve("ours"));
        String theirs = hostLocal(version, tmp.resolve("ref"));
        Outcome add = ours("host-local", env("ADD", "c1"), mine);
        add.ok();
        Outcome refAdd = reference("host-local", env("ADD", "c1"), theirs);
        assertEquals(refAdd.stdout(), add.stdout());

        if (!version.equals("0.3.1")) { // CHECK exists from 0.4.0 on
            Outcome check = ours("host-local", env("CHECK", "c1"), withKey(mine, "prevResult", add.stdout()));
            check.ok();
            assertEquals("", check.stdout());
            ours("host-local", env("CHECK", "c2"), withKey(mine, "prevResult", add.stdout())).error(103, "c2");
        }
        Outcome full = ours("host-local", env("ADD", "c2"), mine);
        full.error(100, "dnet");
        assertEquals(version, full.json().path("cniVersion").asText());

        Outcome del = ours("host-local", env("DEL", "c1"), mine);
        del.ok();
        assertEquals("", del.stdout());
        assertEquals(List.of(), addressFiles(tmp.resolve("ours")));
        ours("host-local", env("DEL", "never-added"), mine).ok();
    }

    @Test
    void hostLocalGcAndStatusIn110() throws Exception {
        Path data = tmp.resolve("ours");
        String conf = hostLocal("1.1.0", data);
        ours("host-local", env("STATUS", null), conf).ok();
        ours("host-local", env("ADD", "c1"), conf).ok();
        ours("host-local", env("STATUS", null), conf).error(50, "range set 0");

        String gc = withKey(conf, "cni.dev/valid-attachments", "[{\"containerID\":\"other\",\"ifname\":\"eth0\"}]");
        Outcome o = ours("host-local", env("GC", null), gc);
        o.ok();
        assertEquals("", o.stdout());
        assertEquals(List.of(), addressFiles(data));
        ours("host-local", env("STATUS", null), conf).ok();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0"})
    void staticAddAsTheReferenceInEveryVersion(String version) throws Exception {
        String conf = """
                {"cniVersion":"%s","name":"snet","type":"bridge","ipam":{"type":"static",
                "addresses":[{"address":"10.12.0.5/24","gateway":"10.12.0.1"},{"address":"2001:db8:12::5/64"}],
                "routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["192.0.2.53"]}}}""".formatted(version);
        Outcome add = ours("static", env("ADD", "c1"), conf);
        add.ok();
        assertEquals(reference("static", env("ADD", "c1"), conf).stdout(), add.stdout());
        Outcome del = ours("static", env("DEL", "c1"), conf);
        del.ok();
        assertEquals("", del.stdout());
        if (version.equals("0.4.0") || version.equals("1.0.0")) {
            ours("static", env("CHECK", "c1"), withKey(conf, "prevResult", add.stdout())).ok();
            String other = add.stdout().replace("10.12.0.5/24", "10.12.0.6/24");
            ours("static", env("CHECK", "c1"), withKey(conf, "prevResult", other)).error(103, "10.12.0.5/24");
        }
    }

    @Test
    void staticIn110WithStatusAndGc() throws Exception {
        String conf = """
                {"cniVersion":"1.1.0","name":"snet","type":"static",
                "ipam":{"type":"static","addresses":[{"address":"10.12.0.5/24"}]}}""";
        Outcome add = ours("static", env("ADD", "c1"), conf);
        add.ok();
        assertEquals("1.1.0", add.json().path("cniVersion").asText());
        assertEquals("10.12.0.5/24", add.json().path("ips").get(0).path("address").asText());
        ours("static", env("STATUS", null), conf).ok();
        ours("static", env("GC", null), withKey(conf, "cni.dev/valid-attachments", "[]")).ok();
        ours("static", env("ADD", "c1"), conf.replace("10.12.0.5/24", "10.12.0.5")).error(7, "ipam.addresses[0].address");
    }

    @Test
    void invalidHostLocalConfigIsCode7AndLeavesNoStore() throws Exception {
        String bad = hostLocal("1.0.0", tmp.resolve("ours")).replace("10.4.0.0/30", "10.4.0.1/30");
        ours("host-local", env("ADD", "c1"), bad).error(7, "ipam.ranges[0][0].subnet");
        assertFalse(Files.exists(tmp.resolve("ours/dnet")));
    }
}
