package io.jcni.manager.pod;

import io.jcni.conf.exec.ProcessRunner;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pod's pause process: {@code sleep infinity} in fresh net, ipc and uts namespaces (and pid, on
 * request), its hostname the pod's name, in a session of its own so it outlives the command that
 * started it and any terminal. It holds the namespaces; containers join them. Known by PID and the
 * kernel's start time of that PID, so a PID reused after the pause died is never mistaken for it.
 */
record PauseProcess(long pid, long startTime) {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Starts the pause process of pod {@code name} and returns once its namespaces exist and it
     * sleeps. What unshare prints on failure goes to {@code log}.
     */
    public static PauseProcess start(String name, boolean pidNamespace, Path log) throws PodException {
        List<String> cmd = new ArrayList<>(List.of(tool("setsid"), tool("unshare"), "--net", "--ipc", "--uts"));
        if (pidNamespace) {
            // The new PID namespace's first process must be a child: unshare forks and waits for it.
            cmd.addAll(List.of("--pid", "--fork"));
        }
        cmd.addAll(List.of("--", tool("bash"), "-c",
                "echo \"$0\" > /proc/sys/kernel/hostname && exec -a \"jcni-pause $0\" sleep infinity", name));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                    .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PodException("pod " + name + ": cannot start the pause process (" + String.join(" ", cmd) + "): " + e.getMessage());
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pause = pidNamespace ? firstChild(p.pid()) : Optional.of(p.pid());
            if (pause.isPresent() && "sleep".equals(comm(pause.get()))) {
                return new PauseProcess(pause.get(), startTime(pause.get()).orElse(0L));
            }
            if (!p.isAlive()) {
                throw new PodException("pod " + name + ": the pause process exited at once: " + logText(log));
            }
            sleep(10);
        }
        p.destroyForcibly();
        throw new PodException("pod " + name + ": the pause process did not start within " + START_TIMEOUT.toSeconds()
                + " s: " + logText(log));
    }

    /** Whether this very process is still running (and not a zombie). */
    public boolean alive() {
        Optional<String> stat = stat(pid);
        return stat.isPresent() && !stat.get().equals("Z") && startTime(pid).orElse(-1L) == startTime;
    }

    /** Kills it (SIGKILL: an init of a PID namespace ignores the rest) and waits until it is gone. */
    public void stop() throws PodException {
        if (!alive()) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (alive()) {
            if (System.nanoTime() > deadline) {
                throw new PodException("pause process " + pid + " still runs " + STOP_TIMEOUT.toSeconds() + " s after SIGKILL");
            }
            sleep(10);
        }
    }

    /** The path of one of its namespaces, e.g. {@code /proc/PID/ns/net}. */
    public Path namespace(String kind) {
        return Path.of("/proc", Long.toString(pid), "ns", kind);
    }

    private static Optional<Long> firstChild(long pid) {
        try {
            String children = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children")).strip();
            return children.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(children.split(" ")[0]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Field 3 of /proc/PID/stat, the state letter. */
    private static Optional<String> stat(long pid) {
        return statFields(pid).map(f -> f[0]);
    }

    /** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
    static Optional<Long> startTime(long pid) {
        return statFields(pid).map(f -> Long.parseLong(f[19]));
    }

    /** The fields of /proc/PID/stat after the command name (which may hold spaces), from field 3 on. */
    private static Optional<String[]> statFields(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(s.substring(s.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String tool(String name) throws PodException {
        return ProcessRunner.findSystemTool(name).map(Path::toString)
                .orElseThrow(() -> new PodException(name + " is not installed (util-linux, bash, coreutils): jcni pod needs it"));
    }

    private static String logText(Path log) {
        try {
            String t = Files.readString(log, StandardCharsets.UTF_8).strip();
            return t.isEmpty() ? "(no output)" : t;
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
