package io.jcni.manager.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcni.conf.CniException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config dir searched as libcni's LoadConfList searches it, and cnitool's derived container ID. */
class NetworkConfigsTest {
    @TempDir
    Path dir;

    private void write(String file, String json) throws Exception {
        Files.writeString(dir.resolve(file), json);
    }

    @Test
    void theFirstConflistInSortedOrderWinsThenSingleConfigsAreUpConverted() throws Exception {
        write("20-b.conflist", "{\"cniVersion\":\"1.0.0\",\"name\":\"a\",\"plugins\":[{\"type\":\"second\"}]}");
        write("10-a.conflist", "{\"cniVersion\":\"1.0.0\",\"name\":\"a\",\"plugins\":[{\"type\":\"first\"}]}");
        write("30-c.conf", "{\"type\":\"bridge\",\"name\":\"single\",\"cniVersion\":\"0.4.0\",\"bridge\":\"br1\"}");
        write("notes.txt", "not a config");
        NetworkConfigs configs = new NetworkConfigs(dir);

        assertEquals("first", configs.load("a").list().plugins().getFirst().path("type").asText());
        Network single = configs.load("single");
        assertEquals("{\"cniVersion\":\"0.4.0\",\"name\":\"single\",\"plugins\":[{\"bridge\":\"br1\",\"cniVersion\":\"0.4.0\","
                + "\"name\":\"single\",\"type\":\"bridge\"}]}", new String(single.bytes(), StandardCharsets.UTF_8),
                "libcni's ConfListFromConf bytes (through a Go map: sorted keys)");
        assertEquals("10-a.conflist", configs.first().orElseThrow().file().getFileName().toString());
    }

    @Test
    void anUnknownNameOrAnEmptyDirIsCode7NamingTheDir() throws Exception {
        CniException empty = assertThrows(CniException.class, () -> new NetworkConfigs(dir).load("x"));
        assertEquals("no net configurations found in " + dir, empty.msg());
        write("10-a.conflist", "{\"cniVersion\":\"1.0.0\",\"name\":\"a\",\"plugins\":[{\"type\":\"first\"}]}");
        CniException missing = assertThrows(CniException.class, () -> new NetworkConfigs(dir).load("x"));
        assertEquals(7, missing.code());
        assertEquals("no net configuration with name \"x\" in " + dir, missing.msg());
    }

    @Test
    void cnitoolsContainerIdIsDerivedFromTheAbsoluteNetnsPath() throws Exception {
        // sha512("/run/netns/pod1")[:10], as cnitool computes it
        assertEquals("cnitool-" + sha512Prefix("/run/netns/pod1"), CnitoolEnvironment.derivedContainerId("/run/netns/pod1"));
        RuntimeConf rt = CnitoolEnvironment.runtimeConf(Map.of("CAP_ARGS", "{\"bandwidth\":{}}", "CNI_ARGS", "A=1"), "/run/netns/../netns/pod1");
        assertEquals(CnitoolEnvironment.derivedContainerId("/run/netns/pod1"), rt.containerId());
        assertEquals("eth0", rt.ifName());
        assertEquals("A=1", rt.args().format());
        assertEquals("web", CnitoolEnvironment.runtimeConf(Map.of("CNI_CONTAINERID", "web"), "/x").containerId());
    }

    private static String sha512Prefix(String s) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf %s \"$0\" | sha512sum | cut -c1-20", s).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
