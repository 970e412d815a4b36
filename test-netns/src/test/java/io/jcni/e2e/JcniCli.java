package io.jcni.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The installed {@code jcni} command ({@link JcniInstall}) run inside a sandbox host, as an
 * operator runs it on a node: through {@code nsenter --net}, with jcni's plugins on
 * {@code CNI_PATH} and the config dir and libcni result cache in directories the test owns.
 */
public final class JcniCli {
    private final SandboxHost host;
    private final Map<String, String> env;

    /** @param confDir the network configs ({@code NETCONFPATH}); @param cacheDir libcni's {@code CNI_CACHEDIR} */
    public JcniCli(SandboxHost host, Path confDir, Path cacheDir) {
        this.host = host;
        this.env = Map.of("NETCONFPATH", confDir.toString(), "CNI_PATH", PluginSet.jcni().cniPath(),
                "CNI_CACHEDIR", cacheDir.toString());
    }

    /** Runs {@code jcni ARGS...}; the caller checks the exit status. */
    public ExecResult run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code jcni ARGS...} with more environment ({@code CNI_CONTAINERID}, {@code CAP_ARGS}, ...). */
    public ExecResult run(Map<String, String> extra, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extra);
        return host.exec(all, command(args).toArray(String[]::new));
    }

    /** The command line of {@code jcni ARGS...} inside the host, e.g. for a process that runs in the background. */
    public List<String> inside(String... args) {
        return host.inside(command(args).toArray(String[]::new));
    }

    /** The environment {@link #inside} needs. */
    public Map<String, String> environment() {
        return env;
    }

    private static List<String> command(String... args) {
        PluginSet.jcni(); // installs jcni once per test JVM
        List<String> command = new ArrayList<>(List.of(JcniInstall.jcniCommand().toString()));
        command.addAll(List.of(args));
        return command;
    }
}
