package io.jcni.plugin.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code host-local} and {@code static} executables that install.sh writes, run as a runtime
 * runs them ({@code env -i}, config on stdin): every verb answers as the spec says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstalledIpamIT {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private Path bin;
    private Path data;

    private record Outcome(int status, String stdout) {
        JsonNode json() throws Exception {
            return Json.read(stdout.getBytes(StandardCharsets.UTF_8), "stdout");
        }

        Outcome ok() {
            assertEquals(0, status, stdout);
            return this;
        }

        void error(int code, String text) throws Exception {
            assertEquals(1, status, stdout);
            assertEquals(code, json().path("code").asInt(), stdout);
            assertTrue(json().path("msg").asText().contains(text), stdout);
        }
    }

    @BeforeAll
    void install(@TempDir Path scratch) throws Exception {
        bin = scratch.resolve("bin");
        data = scratch.resolve("data");
        Outcome o = exec(List.of(REPO.resolve("install.sh").toString(), "--no-build", "--bin-dir", bin.toString(),
                "--lib-dir", scratch.resolve("lib").toString(), "--cli-dir", scratch.resolve("cli").toString(), "--socket", scratch.resolve("run/jcni.sock").toString()),
                null, "");
        assertEquals(0, o.status(), o.stdout());
        assertTrue(Files.isExecutable(bin.resolve("host-local")), "host-local installed");
        assertTrue(Files.isExecutable(bin.resolve("static")), "static installed");
    }

    private static Outcome exec(List<String> command, Map<String, String> env, String stdin) throws Exception {
        List<String> argv = new ArrayList<>();
        if (env != null) {
            argv.addAll(List.of("/usr/bin/env", "-i"));
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.addAll(command);
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + argv);
        return new Outcome(p.exitValue(), out);
    }

    private Outcome run(String type, String command, String containerId, String config) throws Exception {
        Map<String, String> env = new TreeMap<>();
        env.put("CNI_COMMAND", command);
        if (containerId != null) {
            env.put("CNI_CONTAINERID", containerId);
            env.put("CNI_NETNS", "/var/run/netns/jt-unused");
            env.put("CNI_IFNAME", "eth0");
        }
        env.put("CNI_PATH", bin.toString());
        return exec(List.of(bin.resolve(type).toString()), env, config);
    }

    private String hostLocal() {
        return """
                {"cniVersion":"1.1.0","name":"inet","type":"host-local","ipam":{"type":"host-local","dataDir":"%s",
                "ranges":[[{"subnet":"10.13.0.0/30"}]]}}""".formatted(data);
    }

    @Test
    void hostLocalAnswersEveryVerb() throws Exception {
        JsonNode version = run("host-local", "VERSION", null, "").ok().json();
        assertEquals("1.1.0", version.path("cniVersion").asText());

        String conf = hostLocal();
        run("host-local", "STATUS", null, conf).ok();
        Outcome add = run("host-local", "ADD", "c1", conf).ok();
        assertEquals("10.13.0.2/30", add.json().path("ips").get(0).path("address").asText());
        assertEquals("c1\r\neth0", Files.readString(data.resolve("inet/10.13.0.2")));
        run("host-local", "CHECK", "c1", conf.replaceFirst("\\{", "{\"prevResult\":" + add.stdout() + ",")).ok();
        run("host-local", "STATUS", null, conf).error(50, "inet");
        run("host-local", "ADD", "c2", conf).error(100, "inet");
        String gc = conf.replaceFirst("\\{", "{\"cni.dev/valid-attachments\":[{\"containerID\":\"c1\",\"ifname\":\"eth0\"}],");
        assertEquals("", run("host-local", "GC", null, gc).ok().stdout());
        assertTrue(Files.exists(data.resolve("inet/10.13.0.2")), "a valid attachment survives GC");
        assertEquals("", run("host-local", "DEL", "c1", conf).ok().stdout());
        assertFalse(Files.exists(data.resolve("inet/10.13.0.2")));
        run("host-local", "CHECK", "c1", conf.replaceFirst("\\{", "{\"prevResult\":" + add.stdout() + ",")).error(103, "c1");
    }

    @Test
    void staticAnswersEveryVerb() throws Exception {
        String conf = """
                {"cniVersion":"1.1.0","name":"snet","type":"static",
                "ipam":{"type":"static","addresses":[{"address":"10.14.0.5/24","gateway":"10.14.0.1"}]}}""";
        assertEquals("1.1.0", run("static", "VERSION", null, "").ok().json().path("cniVersion").asText());
        Outcome add = run("static", "ADD", "c1", conf).ok();
        assertEquals("10.14.0.5/24", add.json().path("ips").get(0).path("address").asText());
        assertEquals("10.14.0.1", add.json().path("ips").get(0).path("gateway").asText());
        run("static", "CHECK", "c1", conf.replaceFirst("\\{", "{\"prevResult\":" + add.stdout() + ",")).ok();
        run("static", "STATUS", null, conf).ok();
        run("static", "GC", null, conf.replaceFirst("\\{", "{\"cni.dev/valid-attachments\":[],")).ok();
        assertEquals("", run("static", "DEL", "c1", conf).ok().stdout());
        run("static", "ADD", "c1", conf.replace("10.14.0.5/24", "10.14.0.5")).error(7, "ipam.addresses[0].address");
    }
}
