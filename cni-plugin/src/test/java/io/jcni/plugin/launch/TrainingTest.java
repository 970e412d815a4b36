package io.jcni.plugin.launch;

import io.jcni.plugin.RecordingPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {
    @Test
    void everyRegisteredTypeIsTrainedAndEveryInvocationEndsAsExpected(@TempDir Path scratch) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int status = Training.run(scratch, new PrintStream(report, true, StandardCharsets.UTF_8));
        String text = report.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("jcni training: " + RecordingPlugin.TYPE + " VERSION ok"), text);
    }

    @Test
    void hostLocalIsTrainedOnlyWhenRegistered(@TempDir Path scratch) {
        List<Invocation> without = Training.invocations(scratch, List.of("bridge"));
        assertTrue(without.stream().noneMatch(i -> i.type().equals("host-local")));
        List<Invocation> with = Training.invocations(scratch, List.of("bridge", "host-local"));
        assertEquals(List.of("ADD", "DEL"), with.stream().filter(i -> i.type().equals("host-local"))
                .filter(i -> !i.env().get("CNI_COMMAND").equals("VERSION"))
                .map(i -> i.env().get("CNI_COMMAND")).toList());
    }

    @Test
    void bridgeIsNotTrainedOutsideAPrivateNamespace(@TempDir Path scratch) {
        // This test JVM runs in the machine's namespace and install.sh's variable is not set.
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Training.run(scratch, new PrintStream(report, true, StandardCharsets.UTF_8));
        String text = report.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("bridge ADD/DEL skipped"), text);
        assertTrue(!text.contains("jcni training: bridge DEL"), text);
    }

    @Test
    void bridgeTrainingIsAnAddDelPairInTheGivenPod(@TempDir Path scratch) {
        List<Invocation> pair = Training.bridge(scratch, Path.of("/var/run/netns/jcni-train-x"));
        assertEquals(List.of("ADD", "DEL"), pair.stream().map(i -> i.env().get("CNI_COMMAND")).toList());
        assertTrue(pair.stream().allMatch(i -> i.env().get("CNI_NETNS").equals("/var/run/netns/jcni-train-x")));
    }
}
