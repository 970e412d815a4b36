package io.jcni.plugin.kernel;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.exec.ProcessRunner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * System tools (iptables-restore and friends) run in the host network namespace the plugin
 * serves, with the invocation's environment, through the one {@link ProcessRunner}.
 */
public final class HostTools {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Optional<Path> netns;
    private final Map<String, String> environment;
    /** The firewall backends promise a process budget, and tests count it. */
    private final ProcessRunner runner = new ProcessRunner();

    /**
     * @param netns       the host namespace to run tools in; empty for the namespace this process is in
     * @param environment the invocation's environment ({@code Request.environment()})
     */
    public HostTools(Optional<Path> netns, Map<String, String> environment) {
        this.netns = netns;
        this.environment = Map.copyOf(environment);
    }

    /** What a tool printed and how it ended. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    /** How many tool processes {@link #run} started through this instance. */
    public int processesStarted() {
        return runner.processesStarted();
    }

    /** Whether {@code tool} is installed in one of the system directories. */
    public static boolean installed(String tool) {
        return find(tool).isPresent();
    }

    public static Optional<Path> find(String tool) {
        return ProcessRunner.findSystemTool(tool);
    }

    /** Runs {@code tool args...} with {@code stdin}; a tool that cannot be started or hangs is a CNI error. */
    public Output run(String tool, List<String> args, String stdin) throws CniException {
        Path exe = find(tool).orElseThrow(() -> new CniException(ErrorCode.IO_FAILURE, tool + ": not installed"));
        List<String> argv = new ArrayList<>();
        argv.add(exe.toString());
        argv.addAll(args);
        ProcessRunner.Output out = runner.run(tool, argv, environment, stdin.getBytes(StandardCharsets.UTF_8),
                TIMEOUT, netns);
        return new Output(out.exitCode(), out.stdoutText(), out.stderr());
    }
}
