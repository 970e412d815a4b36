package io.jcni.plugin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTest {
    @Test
    void errorsGoToStderrAndTheFileInfoToTheFileOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jcni.log");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(err, true, StandardCharsets.UTF_8), Optional.of(file), "bridge[42]");
        log.info("ADD c1: ok");
        log.error("ADD c2: code 7: type: wrong");

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("bridge[42] error: ADD c2: code 7: type: wrong"), stderr);
        assertTrue(!stderr.contains("c1"), "info stays out of stderr: " + stderr);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("bridge[42] info: ADD c1: ok"), lines.get(0));
        assertTrue(lines.get(1).endsWith("bridge[42] error: ADD c2: code 7: type: wrong"), lines.get(1));
    }

    @Test
    void anUnwritableLogFileIsReportedOnStderrAndDoesNotThrow(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional.of(dir.resolve("missing-dir/jcni.log")), "x");
        log.info("hello");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot write log file"));
    }
}
