package io.jcni.manager.net;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CNI tools look, as cnitool and libcni say it: the config dir ({@code --conf-dir}, else
 * {@code NETCONFPATH}, else {@code /etc/cni/net.d}), the plugin dirs ({@code CNI_PATH}, else
 * {@code /opt/cni/bin}) and libcni's result cache ({@code CNI_CACHEDIR}, else {@code /var/lib/cni}).
 */
public record CniLocations(Path confDir, List<Path> pluginDirs, Path cacheDir) {
    public static final Path DEFAULT_CONF_DIR = Path.of("/etc/cni/net.d");
    public static final Path DEFAULT_PLUGIN_DIR = Path.of("/opt/cni/bin");
    public static final Path DEFAULT_CACHE_DIR = Path.of("/var/lib/cni");

    public CniLocations {
        pluginDirs = List.copyOf(pluginDirs);
    }

    /** The locations an invocation with {@code env} uses; {@code confDir} (the option) wins over NETCONFPATH. */
    public static CniLocations from(Map<String, String> env, Optional<Path> confDir) {
        Path conf = confDir.orElseGet(() -> nonEmpty(env.get("NETCONFPATH")).map(Path::of).orElse(DEFAULT_CONF_DIR));
        List<Path> path = nonEmpty(env.get("CNI_PATH"))
                .map(p -> Arrays.stream(p.split(":")).filter(s -> !s.isEmpty()).map(Path::of).toList())
                .filter(l -> !l.isEmpty())
                .orElse(List.of(DEFAULT_PLUGIN_DIR));
        Path cache = nonEmpty(env.get("CNI_CACHEDIR")).map(Path::of).orElse(DEFAULT_CACHE_DIR);
        return new CniLocations(conf, path, cache);
    }

    private static Optional<String> nonEmpty(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isEmpty());
    }
}
