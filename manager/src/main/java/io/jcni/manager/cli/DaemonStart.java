package io.jcni.manager.cli;

import io.jcni.manager.daemon.SocketFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jcni daemon start}: runs {@code jcni daemon run} in the background (its own session,
 * log to a file, pid file next to the socket) and returns once the socket answers.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts the daemon in the background and waits until it answers on its socket.")
final class DaemonStart implements Callable<Integer> {
    @Mixin
    DaemonSocketOption socketOption;

    @Option(names = "--pid-file", paramLabel = "PATH", description = "default: jcni.pid next to the socket")
    Path pidFile;

    @Option(names = "--log-file", paramLabel = "PATH", description = "default: jcni.log next to the socket")
    Path logFile;

    @Mixin
    WarmupRoundsOption warmup;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for the socket (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path socket = socketOption.path();
        if (SocketFile.answers(socket)) {
            System.err.println("jcni daemon: already running on " + socket);
            return 1;
        }
        Path pid = pidFile != null ? pidFile : Settings.pidFileFor(socket);
        Path log = logFile != null ? logFile : socket.toAbsolutePath().resolveSibling("jcni.log");
        SocketFile.createDirectory(socket);
        ProcessBuilder pb = new ProcessBuilder(command(socket, pid, log))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                System.err.println("jcni daemon: exited with status " + p.exitValue() + " while starting; see " + log);
                return 1;
            }
            try {
                DaemonStatus.ask(socket);
                System.out.println("jcni daemon: started, pid " + Files.readString(pid).strip() + ", socket " + socket
                        + ", log " + log);
                return 0;
            } catch (IOException | io.jcni.manager.protocol.ProtocolException | RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        System.err.println("jcni daemon: no answer on " + socket + " after " + timeoutSeconds + " s; stopped it; see " + log);
        return 1;
    }

    /** {@code jcni daemon run} with this JVM's binary and options, in a session of its own. */
    private List<String> command(Path socket, Path pid, Path log) {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString());
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ownJvmOptions());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of("daemon", "run", "--socket", socket.toString(), "--pid-file", pid.toString(),
                "--log-file", log.toString(), "--warmup-rounds", Integer.toString(warmup.rounds())));
        return cmd;
    }

    /**
     * The options this JVM was started with, up to the main class: the installed {@code jcni}
     * launcher's {@code @LIB-DIR/manager.args} (flags, heap bound, class path) and {@code jcni.home},
     * so the daemon runs exactly as {@code jcni daemon run} from the launcher or the systemd unit.
     * Without them (the command line unreadable) the class path and home alone.
     */
    private static List<String> ownJvmOptions() {
        List<String> args = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        int main = args.indexOf(Main.class.getName());
        if (main >= 0) {
            return args.subList(0, main);
        }
        List<String> options = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path")));
        String home = System.getProperty(Settings.HOME_PROPERTY);
        if (home != null) {
            options.add("-D" + Settings.HOME_PROPERTY + "=" + home);
        }
        return options;
    }
}
