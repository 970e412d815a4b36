package io.jcni.manager.cli;

import io.jcni.manager.daemon.Daemon;
import io.jcni.manager.daemon.DaemonLog;
import io.jcni.manager.daemon.SocketFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code jcni daemon run}: serves in the foreground until SIGTERM or SIGINT (systemd, a DaemonSet). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serves plugin calls in the foreground; SIGTERM stops accepting, finishes the calls in flight and exits 0.")
final class DaemonRun implements Callable<Integer> {
    @Mixin
    DaemonSocketOption socketOption;

    @Option(names = "--pid-file", paramLabel = "PATH", description = "write the daemon's pid here while it runs")
    Path pidFile;

    @Option(names = "--log-file", paramLabel = "PATH", description = "append the daemon's log here instead of stderr")
    Path logFile;

    @Option(names = "--routes", paramLabel = "SOURCE", description = "host-gw routes to other nodes' pod CIDRs: none or kubernetes (watch Nodes; default: ${DEFAULT-VALUE})")
    RouteSource routes = RouteSource.none;

    @Option(names = "--node-name", paramLabel = "NAME", description = "this node's Node name, for --routes kubernetes (default: $NODE_NAME)")
    String nodeName = System.getenv("NODE_NAME");

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "for --routes kubernetes (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config)")
    Path kubeconfig;

    @Mixin
    WarmupRoundsOption warmup;

    @Option(names = "--request-timeout-ms", hidden = true, description = "how long a client may take to send its request")
    long requestTimeoutMs = Daemon.REQUEST_TIMEOUT.toMillis();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream logOut = logFile == null ? System.err
                : new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        DaemonLog log = new DaemonLog(logOut);
        if (routes == RouteSource.kubernetes && (nodeName == null || nodeName.isBlank())) {
            System.err.println("jcni daemon: --node-name: needed with --routes kubernetes (or set NODE_NAME)");
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Daemon daemon;
        try {
            daemon = Daemon.start(socketOption.path(), log, Duration.ofMillis(requestTimeoutMs), warmup.rounds());
        } catch (SocketFile.AlreadyRunning e) {
            System.err.println("jcni daemon: " + e.getMessage());
            return 1;
        }
        AutoCloseable routing = null;
        try {
            if (pidFile != null) {
                Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            }
            if (routes == RouteSource.kubernetes) {
                try {
                    routing = RouteSource.startKubernetes(nodeName, kubeconfig, log);
                } catch (RuntimeException e) {
                    // Exit, so that a DaemonSet restarts us (with back-off); the shims run one-shot meanwhile.
                    log.warn("host-gw: cannot watch Nodes: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                    return 1;
                }
            }
            stop.await();
            log.info("signal received");
        } finally {
            RouteSource.stop(routing, log);
            daemon.close();
            if (pidFile != null) {
                Files.deleteIfExists(pidFile);
            }
        }
        return 0;
    }
}
