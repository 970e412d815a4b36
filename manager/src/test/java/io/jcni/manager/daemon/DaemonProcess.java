package io.jcni.manager.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jcni daemon run} on the installed tree's socket, as a child process in a network
 * namespace of its own ({@code unshare --net}): a call that wrongly ran in the daemon's namespace
 * would land there, never in the machine's. Closing stops it (SIGTERM, then SIGKILL).
 */
final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private DaemonProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static DaemonProcess start(String... extraArgs) throws Exception {
        InstalledTree.ensure();
        Path log = Files.createTempFile("jcni-daemon", ".log");
        List<String> argv = new ArrayList<>(List.of("/usr/bin/unshare", "--net", InstalledTree.jcni().toString(),
                "daemon", "run", "--socket", InstalledTree.socket().toString(), "--log-file", log.toString()));
        argv.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        DaemonProcess d = new DaemonProcess(p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!SocketFile.answers(InstalledTree.socket()) || !Files.readString(log).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                d.close();
                throw new AssertionError("the daemon did not start: " + d.log());
            }
            Thread.sleep(50);
        }
        return d;
    }

    /** Waits up to 120 s for the warm-up's last log line (done or skipped). */
    void awaitWarmUp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!log().contains("warmed up") && !log().contains("warm-up skipped")) {
            assertTrue(System.nanoTime() < deadline, "no warm-up line in the log: " + log());
            Thread.sleep(100);
        }
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no cleanup, the socket file stays behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "SIGKILLed daemon did not exit");
    }

    /** SIGTERM and the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            stop();
        }
        Files.deleteIfExists(log);
    }
}
