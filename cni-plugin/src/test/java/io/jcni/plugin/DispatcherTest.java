package io.jcni.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.Json;
import io.jcni.conf.Verb;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher in-process: every bad input gets its code, a message naming the field, exit 1. */
class DispatcherTest {
    private static final String TYPE = RecordingPlugin.TYPE;
    private static final String CONFIG = """
            {"cniVersion":"1.0.0","name":"net1","type":"jcni-test"}""";

    private final RecordingPlugin plugin = new RecordingPlugin();

    /** What one invocation printed and returned. */
    private record Outcome(int status, String stdout, String stderr) {
        JsonNode json() throws Exception {
            return Json.read(stdout.getBytes(StandardCharsets.UTF_8), "stdout");
        }

        /** Asserts the spec's error object with {@code code}, a msg naming {@code field}, exit 1. */
        JsonNode error(int code, String field) throws Exception {
            assertEquals(1, status, "exit status; stdout: " + stdout);
            JsonNode e = json();
            assertEquals(code, e.path("code").asInt(), "code in " + stdout);
            assertTrue(e.path("msg").asText().contains(field), "msg should name " + field + ": " + stdout);
            assertTrue(e.path("cniVersion").isTextual(), "error carries cniVersion: " + stdout);
            return e;
        }
    }

    private static Map<String, String> env(String command) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "c0ffee-1");
        env.put("CNI_NETNS", "/var/run/netns/jt-test");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/opt/cni/bin");
        return env;
    }

    private Outcome run(Map<String, String> env, String stdin) {
        return run(env, stdin, TYPE);
    }

    private Outcome run(Map<String, String> env, String stdin, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), TYPE);
        int status = new Dispatcher(Plugins.of(plugin), log)
                .run(env, stdin.getBytes(StandardCharsets.UTF_8), type, out);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionNeedsNoConfigAndListsEveryVersion() throws Exception {
        Outcome o = run(Map.of("CNI_COMMAND", "VERSION"), "");
        assertEquals(0, o.status());
        JsonNode v = o.json();
        assertEquals("1.1.0", v.path("cniVersion").asText());
        assertEquals(List.of("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"),
                Json.mapper().convertValue(v.path("supportedVersions"), List.class));
        assertTrue(plugin.calls.isEmpty(), "VERSION does not call the plugin");
    }

    @Test
    void addPrintsTheResultInTheConfigsVersion() throws Exception {
        Outcome current = run(env("ADD"), CONFIG);
        assertEquals(0, current.status(), current.stdout());
        JsonNode r = current.json();
        assertEquals("1.0.0", r.path("cniVersion").asText());
        assertEquals("192.0.2.2/24", r.path("ips").path(0).path("address").asText());
        assertTrue(r.path("ips").path(0).path("version").isMissingNode(), "1.0.0 has no ips[].version");

        Outcome legacy = run(env("ADD"), CONFIG.replace("1.0.0", "0.2.0"));
        assertEquals(0, legacy.status(), legacy.stdout());
        assertEquals("192.0.2.2/24", legacy.json().path("ip4").path("ip").asText());
        assertEquals(List.of(Verb.ADD, Verb.ADD), plugin.calls);
    }

    @Test
    void delCheckStatusAndGcPrintNothingOnSuccess() {
        Map<String, String> del = env("DEL");
        del.remove("CNI_NETNS"); // optional for DEL
        String v110 = CONFIG.replace("1.0.0", "1.1.0");
        for (Outcome o : List.of(run(del, CONFIG), run(env("CHECK"), v110),
                run(Map.of("CNI_COMMAND", "STATUS", "CNI_PATH", ""), v110),
                run(Map.of("CNI_COMMAND", "GC", "CNI_PATH", ""), v110))) {
            assertEquals(0, o.status(), o.stdout());
            assertEquals("", o.stdout());
        }
        assertEquals(List.of(Verb.DEL, Verb.CHECK, Verb.STATUS, Verb.GC), plugin.calls);
    }

    @Test
    void emptyStdinIsADecodingFailure() throws Exception {
        assertEquals("1.1.0", run(env("ADD"), "").error(6, "empty").path("cniVersion").asText());
        assertTrue(plugin.calls.isEmpty());
    }

    @Test
    void malformedJsonIsADecodingFailure() throws Exception {
        run(env("ADD"), "{\"cniVersion\": \"1.0.0\",").error(6, "malformed");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsADecodingFailure() throws Exception {
        run(env("ADD"), "[1, 2]").error(6, "object");
    }

    @Test
    void missingNameOrTypeIsAnInvalidConfigNamingTheField() throws Exception {
        run(env("ADD"), "{\"cniVersion\":\"1.0.0\",\"type\":\"jcni-test\"}").error(7, "name");
        run(env("ADD"), "{\"cniVersion\":\"1.0.0\",\"name\":\"net1\"}").error(7, "type");
    }

    @Test
    void missingCniVersionIsNamed() throws Exception {
        Outcome o = run(env("ADD"), "{\"name\":\"net1\",\"type\":\"jcni-test\"}");
        assertEquals(1, o.status());
        assertTrue(o.json().path("msg").asText().contains("cniVersion"), o.stdout());
    }

    @Test
    void unsupportedCniVersionIsCode1AnsweredInTheLatestVersion() throws Exception {
        JsonNode e = run(env("ADD"), CONFIG.replace("1.0.0", "9.9.9")).error(1, "cniVersion");
        assertEquals("1.1.0", e.path("cniVersion").asText());
    }

    @Test
    void aWrongValueTypeIsNamedByThePluginsBinding() throws Exception {
        JsonNode e = run(env("ADD"), CONFIG.replace("}", ",\"mtu\":\"big\"}")).error(7, "mtu");
        assertEquals("1.0.0", e.path("cniVersion").asText(), "error in the config's version");
    }

    @Test
    void aTypeOtherThanTheExecutablesIsCode7NamingType() throws Exception {
        run(env("ADD"), CONFIG.replace("jcni-test", "bridge")).error(7, "type");
        assertTrue(plugin.calls.isEmpty());
    }

    @Test
    void anIpamPluginAcceptsItsParentsConfig() throws Exception {
        // Runtimes and main plugins run IPAM plugins with the whole network config: type is the
        // main plugin's, ipam.type names the IPAM plugin.
        String delegated = "{\"cniVersion\":\"1.0.0\",\"name\":\"net1\",\"type\":\"bridge\",\"ipam\":{\"type\":\"jcni-test\"}}";
        assertEquals(0, run(env("ADD"), delegated).status());
        run(env("ADD"), delegated.replace("\"type\":\"jcni-test\"", "\"type\":\"host-local\"")).error(7, "type");
    }

    @Test
    void unknownOrMissingCniCommandIsCode4() throws Exception {
        run(env("FROB"), CONFIG).error(4, "CNI_COMMAND");
        Map<String, String> none = env("ADD");
        none.remove("CNI_COMMAND");
        run(none, CONFIG).error(4, "CNI_COMMAND");
        assertTrue(plugin.calls.isEmpty());
    }

    @Test
    void missingOrInvalidCniVariablesAreCode4NamingTheVariable() throws Exception {
        for (String name : List.of("CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME")) {
            Map<String, String> env = env("ADD");
            env.remove(name);
            run(env, CONFIG).error(4, name);
        }
        Map<String, String> slash = env("ADD");
        slash.put("CNI_IFNAME", "eth/0");
        run(slash, CONFIG).error(4, "CNI_IFNAME");
        Map<String, String> badId = env("ADD");
        badId.put("CNI_CONTAINERID", "-leading-dash");
        run(badId, CONFIG).error(4, "CNI_CONTAINERID");
        Map<String, String> badArgs = env("ADD");
        badArgs.put("CNI_ARGS", "novalue");
        run(badArgs, CONFIG).error(4, "CNI_ARGS");
        assertTrue(plugin.calls.isEmpty());
    }

    @Test
    void verbsAreRefusedForConfigVersionsThatLackThem() throws Exception {
        run(env("CHECK"), CONFIG.replace("1.0.0", "0.3.1")).error(1, "CHECK");
        run(Map.of("CNI_COMMAND", "STATUS", "CNI_PATH", ""), CONFIG).error(1, "STATUS");
        run(Map.of("CNI_COMMAND", "GC", "CNI_PATH", ""), CONFIG).error(1, "GC");
        assertEquals(0, run(env("CHECK"), CONFIG.replace("1.0.0", "0.4.0")).status());
        assertEquals(List.of(Verb.CHECK), plugin.calls);
    }

    @Test
    void aPluginsCniExceptionKeepsItsCode() throws Exception {
        JsonNode e = run(env("ADD"), CONFIG.replace("}", ",\"fail\":3}")).error(3, "container");
        assertEquals("1.0.0", e.path("cniVersion").asText());
    }

    @Test
    void anUnexpectedExceptionIsCode999WithoutAStackTraceOnStdout() throws Exception {
        Outcome o = run(env("ADD"), CONFIG.replace("}", ",\"fail\":\"runtime\"}"));
        JsonNode e = o.error(Dispatcher.INTERNAL_ERROR, "boom from runtime");
        assertEquals("1.0.0", e.path("cniVersion").asText());
        assertFalse(o.stdout().contains("\tat "), "no stack trace on stdout: " + o.stdout());
        assertTrue(o.stderr().contains("\tat io.jcni.plugin.RecordingPlugin"), "stack trace goes to the log: " + o.stderr());
    }

    @Test
    void errorsAreLoggedToStderrSuccessesAreNot() {
        assertEquals("", run(env("DEL"), CONFIG).stderr());
        Outcome failed = run(env("FROB"), CONFIG);
        assertTrue(failed.stderr().contains("code 4"), failed.stderr());
    }
}
