package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.Verb;
import io.jcni.ipam.IpamErrors;
import io.jcni.ipam.ReferencePlugin;
import io.jcni.ipam.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight OS processes (six JVMs running our host-local, two shells running the reference binary
 * in a loop) take all 200 addresses of one range at once: every address is handed out exactly
 * once, and every ADD left exactly one file naming its container.
 */
class ConcurrencyTest {
    private static final int JAVA_PROCESSES = 6;
    private static final int REFERENCE_PROCESSES = 2;
    private static final int PER_PROCESS = 25;
    private static final Pattern REF_ADDRESS = Pattern.compile("\"address\": \"([0-9.]+)/");

    @TempDir
    Path tmp;

    @Test
    void eightProcessesTake200AddressesWithoutDuplicatesOrLoss() throws Exception {
        String config = """
                {"cniVersion":"1.0.0","name":"busy","type":"bridge","ipam":{"type":"host-local","dataDir":"%s",
                "ranges":[[{"subnet":"10.9.0.0/24","rangeStart":"10.9.0.10","rangeEnd":"10.9.0.209"}]]}}"""
                .formatted(tmp.resolve("data"));
        Path configFile = Files.writeString(tmp.resolve("config.json"), config);
        Path go = tmp.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < JAVA_PROCESSES; i++) {
            processes.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    AllocateMain.class.getName(), configFile.toString(), "java" + i, String.valueOf(PER_PROCESS),
                    go.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        for (int i = 0; i < REFERENCE_PROCESSES; i++) {
            String loop = """
                    while [ ! -e "$GO" ]; do sleep 0.005; done
                    for n in $(seq 0 $((COUNT - 1))); do
                      CNI_COMMAND=ADD CNI_CONTAINERID="$PREFIX-$n" CNI_NETNS=/var/run/netns/jt-unused CNI_IFNAME=eth0 \\
                        CNI_PATH=%s %s < "$CONFIG" || exit 1
                    done
                    """.formatted(ReferencePlugin.DIR, ReferencePlugin.DIR.resolve("host-local"));
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", loop).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(Map.of("GO", go.toString(), "COUNT", String.valueOf(PER_PROCESS),
                    "PREFIX", "ref" + i, "CONFIG", configFile.toString()));
            processes.add(pb.start());
        }
        Files.createFile(go);

        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "process " + i + " finished");
            assertEquals(0, p.exitValue(), "process " + i + " failed; output: " + out);
            if (i < JAVA_PROCESSES) {
                out.lines().forEach(handedOut::add);
            } else {
                Matcher m = REF_ADDRESS.matcher(out);
                while (m.find()) {
                    handedOut.add(m.group(1));
                }
            }
        }

        assertEquals(200, handedOut.size());
        assertEquals(200, new HashSet<>(handedOut).size(), "no address handed out twice");

        Map<String, String> files = new HashMap<>();
        try (Stream<Path> s = Files.list(tmp.resolve("data/busy"))) {
            for (Path f : s.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("10.")) {
                    files.put(name, Files.readString(f));
                }
            }
        }
        assertEquals(new HashSet<>(handedOut), files.keySet(), "one file per handed-out address");
        Set<String> owners = new HashSet<>(files.values());
        assertEquals(200, owners.size(), "each file names another attachment");
        for (int i = 0; i < JAVA_PROCESSES; i++) {
            for (int n = 0; n < PER_PROCESS; n++) {
                assertTrue(owners.contains("java" + i + "-" + n + "\r\neth0"), "java" + i + "-" + n);
            }
        }
        for (int i = 0; i < REFERENCE_PROCESSES; i++) {
            for (int n = 0; n < PER_PROCESS; n++) {
                assertTrue(owners.contains("ref" + i + "-" + n + "\r\neth0"), "ref" + i + "-" + n);
            }
        }

        CniException full = assertThrows(CniException.class,
                () -> new HostLocal().add(Requests.of(Verb.ADD, "one-more", config)));
        assertEquals(IpamErrors.RANGE_EXHAUSTED, full.code());
    }
}
