package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plugin executables a test drives: directories searched in order, like {@code CNI_PATH}. The
 * same end-to-end test class runs against each set, so switching a test from the reference Go
 * plugins to jcni's is one constructor argument.
 */
public record PluginSet(String name, List<Path> directories) {
    /** Debian's containernetworking-plugins: the reference Go plugins, our comparison oracle. */
    public static final Path REFERENCE_DIRECTORY = Path.of("/usr/lib/cni");

    public PluginSet {
        directories = List.copyOf(directories);
    }

    public static PluginSet reference() {
        return new PluginSet("reference", List.of(REFERENCE_DIRECTORY));
    }

    /**
     * jcni's executables as {@code install.sh} installed them ({@link JcniInstall}), and nothing
     * else: every plugin type the tests chain is jcni's own, so a missing one fails instead of
     * being served by the reference. Named for this run's {@link JcniMode}.
     */
    public static PluginSet jcni() {
        return new PluginSet(JcniMode.current() == JcniMode.DAEMON ? "jcni-daemon" : "jcni",
                List.of(JcniInstall.binDirectory()));
    }

    public String cniPath() {
        return directories.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    /** The executable a runtime would run for {@code type}: the first one on the path. */
    public Optional<Path> find(String type) {
        return directories.stream().map(d -> d.resolve(type)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Fills {@code target} with links to every plugin of this set (the first directory wins), for
     * runtimes that look in a single directory such as {@code /opt/cni/bin}.
     */
    public void linkInto(Path target) {
        try {
            Files.createDirectories(target);
            for (Path dir : directories) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path plugin : files.filter(Files::isExecutable).toList()) {
                        Path link = target.resolve(plugin.getFileName());
                        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(link, plugin.toAbsolutePath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the " + name + " plugins into " + target, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
