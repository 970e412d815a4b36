package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A containerd with its CRI plugin, the way a kubelet's node runs it, made by
 * {@code shared/tools/cri/cri-lab.sh}: containerd runs in a network namespace of its own (the
 * "node"), creates the pod network namespaces, calls {@code loopback} and the conflist of
 * {@link #start} from a bin dir that holds only the plugins of a {@link PluginSet}, each wrapped so
 * that every call is logged ({@link #calls()}). The {@code cri} client ({@link CriBinary}) makes
 * the kubelet's pod sandbox calls. {@link #close()} runs {@code cri-lab.sh down}, which removes
 * every pod and fails when anything was left behind.
 */
public final class CriLab implements AutoCloseable {
    private static final Duration CRI_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern LAB_NETNS = Pattern.compile("(?m)^LAB_NETNS=(\\S+)$");

    private final Path directory;
    private final Node node;
    private boolean closed;

    /** The node: the namespace containerd and the plugins run in (bridge, veths, NAT rules land here). */
    public record Node(String name) implements Netns {
        @Override
        public Path netnsPath() {
            return Path.of("/var/run/netns", name);
        }
    }

    /** A pod sandbox's network namespace, entered through its pause process. */
    public record Sandbox(String id, long pid) implements Netns {
        @Override
        public Path netnsPath() {
            return Path.of("/proc/" + pid + "/ns/net");
        }
    }

    private CriLab(Path directory, Node node) {
        this.directory = directory;
        this.node = node;
    }

    /**
     * Starts containerd under {@code directory} with {@code plugins} as its bin dir and
     * {@code conflist} as the only network config.
     */
    public static CriLab start(PluginSet plugins, BridgeConflist conflist, Path directory) {
        try {
            Files.createDirectories(directory.resolve("conf"));
            Files.writeString(directory.resolve("conf/10-" + conflist.name() + ".conflist"), conflist.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> bindir = new ArrayList<>(List.of("bindir", directory.resolve("bin").toString(),
                "--log", callLog(directory).toString()));
        plugins.directories().forEach(d -> bindir.add(d.toString()));
        script(bindir).orFail();
        ExecResult up = script(List.of("up", directory.resolve("lab").toString(),
                "--conf-dir", directory.resolve("conf").toString(), "--bin-dir", directory.resolve("bin").toString()));
        if (!up.ok()) {
            ExecResult down = script(List.of("down", directory.resolve("lab").toString()));
            throw new IllegalStateException(up.describe() + "\n" + down.describe());
        }
        Matcher m = LAB_NETNS.matcher(up.stdout());
        if (!m.find()) {
            throw new IllegalStateException("cri-lab.sh up named no namespace: " + up.describe());
        }
        return new CriLab(directory, new Node(m.group(1)));
    }

    public Node node() {
        return node;
    }

    /** RunPodSandbox: the sandbox id (fails the test when containerd refused). */
    public String runp(CriPod pod) {
        return tryRunp(pod).orFail().stdout().strip();
    }

    public ExecResult tryRunp(CriPod pod) {
        Path file = directory.resolve("pods/" + pod.name() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pod.json(directory.resolve("logs/" + pod.name())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cri("runp", file.toString());
    }

    /** PodSandboxStatus, verbose: {@code {"status": ..., "info": ...}}. */
    public JsonNode inspect(String id) {
        return Json.parse(cri("inspectp", id).orFail().stdout());
    }

    public Sandbox sandbox(String id) {
        return new Sandbox(id, inspect(id).path("info").path("pid").asLong());
    }

    /** The pod's addresses in PodSandboxStatus: {@code network.ip}, then {@code additional_ips}. */
    public List<String> addresses(String id) {
        JsonNode network = inspect(id).path("status").path("network");
        List<String> ips = new ArrayList<>(List.of(network.path("ip").asText()));
        network.path("additional_ips").forEach(ip -> ips.add(ip.path("ip").asText()));
        return ips;
    }

    public ExecResult stopp(String id) {
        return cri("stopp", id);
    }

    public ExecResult rmp(String id) {
        return cri("rmp", id);
    }

    /** The ids of the pod sandboxes containerd knows. */
    public List<String> pods() {
        return cri("pods", "-q").orFail().stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private ExecResult cri(String... args) {
        return cri(Duration.ofMinutes(2), args);
    }

    /** Whether containerd's CRI answers within a few seconds (gRPC waits out the whole timeout for a dead socket). */
    public boolean answers() {
        return cri(Duration.ofSeconds(3), "version").ok();
    }

    private ExecResult cri(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(CriBinary.path().toString(), "--socket", socket().toString(),
                "--timeout", timeout.toSeconds() + "s"));
        command.addAll(List.of(args));
        return Exec.run(command, Map.of(), CRI_TIMEOUT);
    }

    /** The resolv.conf containerd wrote for a sandbox from its DNS config. */
    public String resolvConf(String id) {
        try {
            return Files.readString(labDirectory().resolve("root/io.containerd.grpc.v1.cri/sandboxes/" + id + "/resolv.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pod network namespaces containerd still holds mounted. */
    public List<String> podNamespaces() {
        Path dir = labDirectory().resolve("state/io.containerd.grpc.v1.cri/netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every plugin call so far, in the order they started. */
    public List<CniCall> calls() {
        return CniCall.parse(callLog(directory));
    }

    /** Kills containerd with SIGKILL, as a crash would; its shims and pause processes stay. */
    public void killContainerd() {
        long pid = containerdPid();
        Exec.run("kill", "-KILL", Long.toString(pid)).orFail();
        Instant deadline = Instant.now().plusSeconds(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            sleep();
        }
    }

    /**
     * Starts containerd again with the same config in the node, as cri-lab.sh's {@code up} does
     * (which refuses a lab whose namespace exists), and waits until its CRI answers.
     */
    public void restartContainerd() {
        Path lab = labDirectory();
        String start = "setsid nsenter --net=" + Shell.quote(node.netnsPath().toString()) + " containerd --config "
                + Shell.quote(lab.resolve("containerd.toml").toString()) + " >>" + Shell.quote(lab.resolve("containerd.log").toString())
                + " 2>&1 </dev/null & echo $! >" + Shell.quote(lab.resolve("containerd.pid").toString());
        Exec.run("sh", "-c", start).orFail();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (answers()) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException("containerd did not come back: " + containerdErrors());
    }

    /** The CRI plugin's errors in containerd's log (for failure messages). */
    public String containerdErrors() {
        try {
            return Files.readString(labDirectory().resolve("containerd.log")).lines()
                    .filter(l -> l.contains("level=error")).reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            return "(no containerd.log: " + e.getMessage() + ")";
        }
    }

    private long containerdPid() {
        try {
            return Long.parseLong(Files.readString(labDirectory().resolve("containerd.pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path labDirectory() {
        return directory.resolve("lab");
    }

    private Path socket() {
        return labDirectory().resolve("containerd.sock");
    }

    private static Path callLog(Path directory) {
        return directory.resolve("cni.log");
    }

    /** Removes every pod, stops containerd and fails if anything was left (cri-lab.sh down). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        script(List.of("down", labDirectory().toString())).orFail();
    }

    private static ExecResult script(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProjectPaths.shared("tools/cri/cri-lab.sh").toString()));
        command.addAll(args);
        return Exec.run(command, Map.of("CRI", CriBinary.path().toString()), CRI_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
