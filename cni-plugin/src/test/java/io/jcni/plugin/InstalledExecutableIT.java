package io.jcni.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * install.sh into a scratch directory, then the installed executables as a runtime runs them:
 * {@code env -i} (no JAVA_HOME, no PATH), config on stdin. Runs after {@code package}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstalledExecutableIT {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private Path scratch;
    private Path bin;
    private Path lib;
    private String type;

    /** What one process printed and returned. */
    private record Outcome(int status, String stdout, String stderr) {
        JsonNode json() throws Exception {
            return Json.read(stdout.getBytes(StandardCharsets.UTF_8), "stdout");
        }

        void error(int code, String field) throws Exception {
            assertEquals(1, status, "exit status; stdout: " + stdout + " stderr: " + stderr);
            JsonNode e = json();
            assertEquals(code, e.path("code").asInt(), stdout);
            assertTrue(e.path("msg").asText().contains(field), "msg should name " + field + ": " + stdout);
        }
    }

    @BeforeAll
    void installOnce(@TempDir Path dir) throws Exception {
        scratch = dir;
        bin = scratch.resolve("bin");
        lib = scratch.resolve("lib");
        Outcome installed = install();
        assertEquals(0, installed.status(), installed.stdout() + installed.stderr());
        // Tests run as root, so the training runs in a private namespace and covers bridge ADD/DEL.
        assertTrue(installed.stdout().contains("bridge ADD,bridge DEL"),
                "bridge ADD/DEL trained: " + installed.stdout() + installed.stderr());
        type = "bridge"; // the done-when names it; every type shares the dispatcher
        assertTrue(Files.isExecutable(bin.resolve(type)), "install.sh wrote bin/bridge");
    }

    private Outcome install() throws Exception {
        return exec(List.of(REPO.resolve("install.sh").toString(), "--no-build",
                "--bin-dir", bin.toString(), "--lib-dir", lib.toString(), "--cli-dir", scratch.resolve("cli").toString(),
                "--socket", scratch.resolve("run/jcni.sock").toString()), Map.of(), "", true);
    }

    /**
     * Runs {@code command}; with {@code inherit} false, as a runtime would (under {@code env -i} plus
     * {@code env}) but in a network namespace of its own, so that no plugin call can touch the
     * machine's network even if a bad input were not caught.
     */
    private static Outcome exec(List<String> command, Map<String, String> env, String stdin, boolean inherit)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        if (!inherit) {
            argv.addAll(List.of("/usr/bin/unshare", "--net", "/usr/bin/env", "-i"));
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.addAll(command);
        Path out = Files.createTempFile("jcni-it", ".out");
        Path err = Files.createTempFile("jcni-it", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + argv);
            return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private Outcome plugin(Map<String, String> env, String stdin) throws Exception {
        return exec(List.of(bin.resolve(type).toString()), env, stdin, false);
    }

    private static Map<String, String> addEnv(String command) {
        return Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", "it-1", "CNI_NETNS", "/proc/self/ns/net",
                "CNI_IFNAME", "eth0", "CNI_PATH", "", "PATH", "");
    }

    @Test
    void everyExecutableAnswersVersionInAnEmptyEnvironment() throws Exception {
        try (Stream<Path> files = Files.list(bin)) {
            for (Path exe : files.toList()) {
                Outcome o = exec(List.of(exe.toString()), Map.of("CNI_COMMAND", "VERSION"), "", false);
                assertEquals(0, o.status(), exe + ": " + o.stdout() + o.stderr());
                JsonNode v = o.json();
                assertEquals("1.1.0", v.path("cniVersion").asText());
                assertEquals(7, v.path("supportedVersions").size(), o.stdout());
                assertEquals("", o.stderr(), "a fresh AOT cache is accepted silently");
            }
        }
    }

    @Test
    void badInputGetsItsCodeFromTheExecutable() throws Exception {
        String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"it\",\"type\":\"" + type + "\"}";
        plugin(addEnv("ADD"), "").error(6, "empty");
        plugin(addEnv("ADD"), "{\"cniVersion\":").error(6, "malformed");
        plugin(addEnv("ADD"), "[]").error(6, "object");
        plugin(addEnv("ADD"), "{\"name\":\"it\",\"type\":\"bridge\"}").error(7, "cniVersion");
        plugin(addEnv("ADD"), "{\"cniVersion\":\"1.0.0\",\"type\":\"bridge\"}").error(7, "name");
        plugin(addEnv("ADD"), "{\"cniVersion\":\"1.0.0\",\"name\":\"it\"}").error(7, "type");
        plugin(addEnv("ADD"), config.replace(type, "no-such-plugin")).error(7, "type");
        plugin(addEnv("ADD"), config.replace("1.0.0", "7.7.7")).error(1, "cniVersion");
        plugin(addEnv("ADD"), config.replace("}", ",\"mtu\":\"big\"}")).error(7, "mtu");
        plugin(addEnv("FROB"), config).error(4, "CNI_COMMAND");
    }

    @Test
    void logLinesGoToJcniLogFileAndStderrNeverToStdout() throws Exception {
        Path logFile = scratch.resolve("plugin.log");
        Map<String, String> env = new java.util.HashMap<>(addEnv("FROB"));
        env.put("JCNI_LOG_FILE", logFile.toString());
        Outcome o = plugin(env, "{}");
        o.error(4, "CNI_COMMAND");
        assertTrue(o.stderr().contains("CNI_COMMAND"), o.stderr());
        assertTrue(Files.readString(logFile).contains("CNI_COMMAND"), "log file has the error line");
    }

    @Test
    void aCorruptedAotCachePrintsNothingExtraOnStdoutAndReinstallRepairsIt() throws Exception {
        Map<String, String> version = Map.of("CNI_COMMAND", "VERSION");
        String good = plugin(version, "").stdout();
        Path cache = lib.resolve("jcni.aot");
        byte[] original = Files.readAllBytes(cache);
        byte[] garbage = original.clone();
        for (int i = 0; i < 4096; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(cache, garbage);

        Outcome corrupted = plugin(version, "");
        assertEquals(0, corrupted.status());
        assertEquals(good, corrupted.stdout(), "stdout unchanged by the JVM's complaint");
        assertTrue(corrupted.stderr().contains("aot"), "the JVM's complaint goes to stderr: " + corrupted.stderr());

        Outcome again = install();
        assertEquals(0, again.status(), again.stdout() + again.stderr());
        Outcome repaired = plugin(version, "");
        assertEquals(good, repaired.stdout());
        assertEquals("", repaired.stderr(), "the retrained cache is accepted: " + repaired.stderr());
    }
}
