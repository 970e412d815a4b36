package io.jcni.manager.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code jcni daemon stop}: SIGTERM to the pid in the pid file, then waits for the exit. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops the daemon started with 'start' (SIGTERM: the calls in flight finish first) and waits for it.")
final class DaemonStop implements Callable<Integer> {
    @Mixin
    DaemonSocketOption socketOption;

    @Option(names = "--pid-file", paramLabel = "PATH", description = "default: jcni.pid next to the socket")
    Path pidFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for the exit (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 60;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path socket = socketOption.path();
        Path file = pidFile != null ? pidFile : Settings.pidFileFor(socket);
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            System.out.println("jcni daemon: not running (no pid file " + file + ")");
            return 0;
        }
        Optional<ProcessHandle> daemon;
        try {
            daemon = ProcessHandle.of(Long.parseLong(text)).filter(DaemonStop::isDaemon);
        } catch (NumberFormatException e) {
            System.err.println("jcni daemon: " + file + " holds no pid: \"" + text + "\"");
            return 1;
        }
        if (daemon.isEmpty()) {
            // The daemon died without cleaning up; the pid may belong to something else by now.
            Files.deleteIfExists(file);
            System.out.println("jcni daemon: not running (stale pid file " + file + " removed)");
            return 0;
        }
        daemon.get().destroy();
        try {
            daemon.get().onExit().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            System.err.println("jcni daemon: pid " + text + " still running " + timeoutSeconds + " s after SIGTERM");
            return 1;
        }
        System.out.println("jcni daemon: stopped (pid " + text + ")");
        return 0;
    }

    private static boolean isDaemon(ProcessHandle p) {
        // Not ProcessHandle.Info: it has no arguments for a command line over 4096 bytes, and the
        // daemon's class path (with the Kubernetes client's jars) makes it longer than that.
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', ' ');
            return cmdline.contains(Main.class.getName() + " daemon run");
        } catch (IOException e) {
            return false;
        }
    }
}
