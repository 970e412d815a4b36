package io.jcni.plugin.launch;

import io.jcni.conf.Json;
import io.jcni.plugin.RecordingPlugin;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Main} as its own process on the test class path (RecordingPlugin is registered there). */
class MainTest {
    private record Outcome(int status, String stdout, String stderr) {
    }

    private static Outcome main(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile("jcni-main", ".out");
        Path err = Files.createTempFile("jcni-main", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Main timed out");
            return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void whatAPluginPrintsToSystemOutLandsOnStderr() throws Exception {
        Outcome o = main(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1", "CNI_NETNS", "/proc/self/ns/net",
                        "CNI_IFNAME", "eth0"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"jcni-test\",\"shout\":true}", RecordingPlugin.TYPE);
        assertEquals(0, o.status(), o.stdout() + o.stderr());
        assertEquals("1.0.0", Json.read(o.stdout().getBytes(StandardCharsets.UTF_8), "stdout")
                .path("cniVersion").asText(), "stdout is exactly the result: " + o.stdout());
        assertTrue(o.stderr().contains("noise from the plugin"), o.stderr());
    }

    @Test
    void aFailedCallExitsWithStatus1() throws Exception {
        Outcome o = main(Map.of("CNI_COMMAND", "FROB"), "{}", RecordingPlugin.TYPE);
        assertEquals(1, o.status());
        assertEquals(4, Json.read(o.stdout().getBytes(StandardCharsets.UTF_8), "stdout").path("code").asInt());
    }

    @Test
    void listTypesPrintsTheRegisteredTypesOnePerLine() throws Exception {
        Outcome o = main(Map.of(), "", "--list-types");
        assertEquals(0, o.status(), o.stderr());
        assertTrue(o.stdout().lines().toList().contains(RecordingPlugin.TYPE), o.stdout());
    }

    @Test
    void noTypeIsAUsageErrorOnStderr() throws Exception {
        Outcome o = main(Map.of(), "");
        assertEquals(2, o.status());
        assertEquals("", o.stdout());
        assertTrue(o.stderr().startsWith("usage:"), o.stderr());
    }
}
