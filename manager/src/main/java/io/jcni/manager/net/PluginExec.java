package io.jcni.manager.net;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.ErrorJson;
import io.jcni.conf.Verb;
import io.jcni.conf.exec.ProcessRunner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs one plugin executable as libcni's invoke package does: found in the plugin dirs, the
 * caller's environment with the six {@code CNI_*} variables set (empty ones too), the config on
 * stdin; stderr passed on to ours. A non-zero exit is the error object it printed.
 */
public final class PluginExec {
    /** libcni waits as long as the runtime's context; a stuck plugin must not hang the command. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final List<Path> pluginDirs;
    private final Map<String, String> environment;
    private final PrintStream stderr;
    private final ProcessRunner runner = new ProcessRunner();
    private final AtomicLong pluginNanos = new AtomicLong();

    public PluginExec(List<Path> pluginDirs, Map<String, String> environment, PrintStream stderr) {
        this.pluginDirs = List.copyOf(pluginDirs);
        this.environment = Map.copyOf(environment);
        this.stderr = stderr;
    }

    /** The executable for {@code type}: the first plugin dir that has it. */
    public Path find(String type) throws CniException {
        return pluginDirs.stream().map(d -> d.resolve(type)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new CniException(ErrorCode.IO_FAILURE, "failed to find plugin \"" + type
                        + "\" in path " + pluginDirs));
    }

    /** How long the plugin processes this instance ran took, start to exit: what a runtime waits for. */
    public Duration pluginTime() {
        return Duration.ofNanos(pluginNanos.get());
    }

    /** Runs plugin {@code type} for {@code verb}; returns its stdout when it exits 0. */
    public byte[] run(String type, Verb verb, RuntimeConf rt, byte[] config) throws CniException {
        Path exe = find(type);
        Map<String, String> env = new HashMap<>(environment);
        env.put("CNI_COMMAND", verb.name());
        env.put("CNI_CONTAINERID", rt.containerId());
        env.put("CNI_NETNS", rt.netns());
        env.put("CNI_ARGS", rt.args().format());
        env.put("CNI_IFNAME", rt.ifName());
        env.put("CNI_PATH", pluginDirs.stream().map(Path::toString).collect(Collectors.joining(":")));
        long start = System.nanoTime();
        ProcessRunner.Output out;
        try {
            out = runner.run("plugin " + type, List.of(exe.toString()), env, config, TIMEOUT, Optional.empty());
        } finally {
            pluginNanos.addAndGet(System.nanoTime() - start);
        }
        if (!out.stderr().isEmpty()) {
            stderr.print(out.stderr());
            stderr.flush();
        }
        if (out.exitCode() == 0) {
            return out.stdout();
        }
        if (out.stdout().length == 0) {
            throw new CniException(ErrorCode.IO_FAILURE, out.stderr().isEmpty()
                    ? "netplugin failed with no error message: exit status " + out.exitCode()
                    : "netplugin failed: \"" + out.stderr().strip() + "\"");
        }
        CniException failure;
        try {
            failure = ErrorJson.parse(out.stdout());
        } catch (CniException unreadable) {
            throw new CniException(ErrorCode.DECODING_FAILURE, "netplugin failed but error parsing its diagnostic message \""
                    + out.stdoutText().strip() + "\": " + unreadable.msg());
        }
        throw failure;
    }
}
