package io.jcni.conf.exec;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessRunnerTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    void passesStdinAndExactlyTheGivenEnvironment() throws Exception {
        ProcessRunner runner = new ProcessRunner();
        ProcessRunner.Output out = runner.run("test", sh("cat; echo; env | sort; echo oops >&2; exit 3"),
                Map.of("FOO", "bar"), "hello".getBytes(StandardCharsets.UTF_8), LONG, Optional.empty());
        assertEquals(3, out.exitCode());
        List<String> lines = out.stdoutText().lines().toList();
        assertEquals("hello", lines.getFirst());
        assertTrue(lines.contains("FOO=bar"), out.stdoutText());
        // Nothing of the JVM's own environment leaks in (sh itself adds only PWD and the like).
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME=")), out.stdoutText());
        assertEquals("oops\n", out.stderr());
        assertEquals(1, runner.processesStarted());
    }

    @Test
    void aHangingProcessIsKilledAtTheTimeout() {
        CniException e = assertThrows(CniException.class, () -> new ProcessRunner().run("sleeper", sh("sleep 30"),
                Map.of(), new byte[0], Duration.ofMillis(200), Optional.empty()));
        assertEquals(ErrorCode.TRY_AGAIN_LATER.code(), e.code());
        assertTrue(e.msg().startsWith("sleeper: "), e.msg());
    }

    @Test
    void aMissingExecutableIsAnIoFailureNamingIt() {
        CniException e = assertThrows(CniException.class, () -> new ProcessRunner().run("tool",
                List.of("/nonexistent/jcni-tool"), Map.of(), new byte[0], LONG, Optional.empty()));
        assertEquals(ErrorCode.IO_FAILURE.code(), e.code());
        assertTrue(e.msg().contains("/nonexistent/jcni-tool"), e.msg());
    }

    @Test
    void countsProcessesStartedConcurrently() throws Exception {
        ProcessRunner runner = new ProcessRunner();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<ProcessRunner.Output>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> runner.run("true", List.of("/bin/true"), Map.of(), new byte[0], LONG,
                        Optional.empty())));
            }
            for (Future<ProcessRunner.Output> f : runs) {
                assertEquals(0, f.get().exitCode());
            }
        }
        assertEquals(16, runner.processesStarted());
    }
}
