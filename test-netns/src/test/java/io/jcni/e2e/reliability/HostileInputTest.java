package io.jcni.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.e2e.Json;
import io.jcni.e2e.JcniMode;
import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import io.jcni.e2e.PluginSet;
import io.jcni.e2e.SandboxHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input for every plugin and verb, from the table
 * {@code src/test/resources/reliability/hostile-inputs.json}: each case is a config (or raw bytes,
 * or a generated monster), CNI_* overrides and an optional setup, with the CNI error code it must
 * get and a word its message must contain (the offending field). Nothing may change in the
 * sandbox host, its IPAM store or the pod. One-shot calls cost a JVM each: the short mode's
 * one-shot execution runs every fourth case (all plugins still covered), the daemon execution and
 * the long mode run them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final String TABLE = "/reliability/hostile-inputs.json";
    private final Lab lab = new Lab();
    private SandboxHost host;
    private NetnsPod pod;
    private Path dir;
    private HostState hostBefore;
    private HostState podBefore;

    @BeforeAll
    void lab() throws IOException {
        host = lab.host();
        pod = lab.netnsPod();
        // the interface the chained plugins' prevResults name, so that they get past looking it up
        pod.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0peer").orFail();
        dir = Files.createTempDirectory("jt-hostile");
        hostBefore = HostState.of(host, dir);
        podBefore = HostState.of(pod);
    }

    @AfterAll
    void close() throws Exception {
        try {
            lab.close();
        } finally {
            if (dir == null) {
                return;
            }
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static List<JsonNode> table() {
        try (InputStream in = HostileInputTest.class.getResourceAsStream(TABLE)) {
            List<JsonNode> cases = new ArrayList<>();
            Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stream<Arguments> cases() {
        List<JsonNode> cases = table();
        boolean sample = !Scale.isLong() && JcniMode.current() == JcniMode.ONE_SHOT;
        return IntStream.range(0, cases.size()).filter(i -> !sample || i % 4 == 0)
                .mapToObj(i -> Arguments.of(cases.get(i).path("name").asText(), cases.get(i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithItsCodeAndNothingChanges(String name, JsonNode c) throws IOException {
        Path elsewhere = setup(c.path("setup").asText(""));
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", c.path("verb").asText());
        env.put("CNI_CONTAINERID", "hostile");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_NETNS", pod.netnsPath().toString());
        env.put("CNI_PATH", PluginSet.jcni().cniPath());
        c.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        HostState before = elsewhere == null ? hostBefore : HostState.of(host, dir);
        HostState podStart = podBefore;
        Path executable = PluginSet.jcni().find(c.path("plugin").asText()).orElseThrow();

        Call call = Call.run(host, executable, env, stdin(c), null);

        if (call.exitCode() == 0) {
            hostBefore = HostState.of(host, dir);
            podBefore = HostState.of(pod);
        }
        assertNotEquals(0, call.exitCode(), call.describe());
        JsonNode error = Json.parse(call.stdout());
        int code = error.path("code").asInt();
        String msg = error.path("msg").asText();
        assertNotEquals(999, code, "an internal error is a bug: " + call.describe());
        assertEquals(c.path("code").asInt(), code, call.describe());
        assertTrue(msg.contains(c.path("msg").asText()), "msg names " + c.path("msg") + ": " + msg);
        HostState after = HostState.of(host, dir);
        HostState podAfter = HostState.of(pod);
        // The next case starts from what this one left, so one failure shows once.
        hostBefore = after;
        podBefore = podAfter;
        assertEquals(before, after, after.diff(before));
        assertEquals(podStart, podAfter, podAfter.diff(podStart));
        if (elsewhere != null) {
            assertEquals("/", HostState.files(elsewhere), "nothing written through the swapped store");
            Files.delete(dir.resolve("jt-hostile"));
            Files.delete(elsewhere);
            hostBefore = HostState.of(host, dir);
        }
    }

    /** A case's setup; returns the directory a swapped store points to (else null). */
    private Path setup(String setup) throws IOException {
        if (setup.isEmpty()) {
            return null;
        }
        if (!setup.equals("symlink-store")) {
            throw new IllegalArgumentException("unknown setup " + setup);
        }
        Path store = dir.resolve("jt-hostile");
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.deleteIfExists(store);
        Files.createSymbolicLink(store, elsewhere);
        return elsewhere;
    }

    private byte[] stdin(JsonNode c) {
        if (c.has("raw")) {
            return c.path("raw").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (c.has("generate")) {
            return generate(c.path("generate").asText(), c.path("plugin").asText());
        }
        return substitute(Json.write(c.path("config"))).getBytes(StandardCharsets.UTF_8);
    }

    private String substitute(String text) {
        return text.replace("@DATADIR@", dir.toString()).replace("@NETNS@", pod.netnsPath().toString());
    }

    private byte[] generate(String what, String plugin) {
        String type = plugin.equals("host-local") || plugin.equals("static")
                ? "\"ipam\": {\"type\": \"" + plugin + "\"}" : "\"type\": \"" + plugin + "\"";
        return switch (what) {
            case "deep" -> ("{\"cniVersion\": \"1.0.0\", \"name\": \"jt-hostile\", " + type + ", \"x\": "
                    + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8);
            case "binary" -> {
                byte[] bytes = new byte[4096];
                new Random(12).nextBytes(bytes);
                yield bytes;
            }
            case "duplicate" -> ("{\"cniVersion\": \"1.0.0\", \"name\": \"jt-hostile\", " + type
                    + ", \"name\": \"other\"}").getBytes(StandardCharsets.UTF_8);
            case "huge" -> {
                ObjectNode conf = (ObjectNode) Json.parse(substitute(Json.write(table().stream()
                        .filter(c -> c.path("name").asText().equals("bridge: mtu negative")).findFirst()
                        .orElseThrow().path("config"))));
                conf.put("padding", "x".repeat(3 << 20));
                yield Json.write(conf).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown generator " + what);
        };
    }
}
