package io.jcni.manager.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies an installed jcni (a lib dir laid out by install.sh or the release's installer for
 * {@code /opt/jcni}) onto a node: the lib dir to {@code HOST/opt/jcni}, the plugin executables
 * ({@code BUNDLE/cni-bin/TYPE}, else the JVM launchers {@code BUNDLE/launchers/TYPE}) to
 * {@code HOST/opt/cni/bin}. The shims and launchers hold absolute paths under {@code /opt/jcni},
 * so the bundle must have been installed for that path; the copy keeps them valid on the host.
 * Every file is replaced atomically and only when it differs; files of the lib dir the bundle no
 * longer has, and jcni executables of types it no longer has, are removed.
 */
final class BundleCopy {
    /** The plugin executables inside a bundle (install.sh {@code --bin-dir BUNDLE/cni-bin}). */
    static final String EXECUTABLES = "cni-bin";
    static final String LAUNCHERS = "launchers";
    /** The first lines install.sh writes into launchers and shims: how we know an executable is ours. */
    private static final Pattern LAUNCHER_LIB = Pattern.compile("'@(/[^']*)/jvm\\.args'");
    private static final List<String> MARKERS = List.of("# jcni launcher for the CNI plugin", "jcni shim for the CNI plugin");

    private BundleCopy() {
    }

    /** @return the plugin types installed */
    static List<String> copy(Path bundle, Path hostRoot, List<String> log) throws IOException {
        if (!Files.isDirectory(bundle.resolve(LAUNCHERS))) {
            throw new IllegalArgumentException("--bundle: " + bundle + " holds no " + LAUNCHERS
                    + "/ directory (want a jcni lib dir installed for /" + HostPaths.JCNI_LIB + ")");
        }
        checkInstalledForHostLib(bundle);
        javaWarning(bundle, hostRoot).ifPresent(log::add);
        Path lib = HostPaths.under(hostRoot, HostPaths.JCNI_LIB);
        Path bin = HostPaths.under(hostRoot, HostPaths.CNI_BIN);
        Files.createDirectories(lib);
        Files.createDirectories(bin);
        if (!Files.isSameFile(bundle, lib)) {
            mirror(bundle, lib, log);
        }
        Path executables = Files.isDirectory(bundle.resolve(EXECUTABLES)) ? bundle.resolve(EXECUTABLES)
                : bundle.resolve(LAUNCHERS);
        List<String> types = new ArrayList<>();
        try (Stream<Path> s = Files.list(executables)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    types.add(p.getFileName().toString());
                    if (AtomicFiles.write(bin.resolve(p.getFileName()), Files.readAllBytes(p), Files.getPosixFilePermissions(p))) {
                        log.add("installed " + bin.resolve(p.getFileName()));
                    }
                }
            }
        }
        try (Stream<Path> s = Files.list(bin)) {
            for (Path p : s.toList()) {
                if (!types.contains(p.getFileName().toString()) && isOurs(p)) {
                    Files.delete(p);
                    log.add("removed " + p + " (no longer a jcni plugin type)");
                }
            }
        }
        return types;
    }

    /**
     * The launchers name their lib dir ({@code '@LIB/jvm.args'}); a bundle installed for another
     * one would be copied into launchers that point nowhere on the host.
     */
    private static void checkInstalledForHostLib(Path bundle) throws IOException {
        String want = "/" + HostPaths.JCNI_LIB;
        try (Stream<Path> s = Files.list(bundle.resolve(LAUNCHERS))) {
            for (Path launcher : s.filter(Files::isRegularFile).toList()) {
                Matcher m = LAUNCHER_LIB.matcher(Files.readString(launcher, StandardCharsets.ISO_8859_1));
                if (m.find() && !m.group(1).equals(want)) {
                    throw new IllegalArgumentException("--bundle: " + bundle + " was installed for the lib dir " + m.group(1)
                            + " (its launcher " + launcher.getFileName() + " reads " + m.group(1) + "/jvm.args), not " + want
                            + ": install it with --lib-dir " + want);
                }
            }
        }
    }

    /** A warning when the plugins would run a Java that is neither in the bundle nor on the host. */
    private static Optional<String> javaWarning(Path bundle, Path hostRoot) throws IOException {
        Path recorded = bundle.resolve("java-home");
        if (!Files.isRegularFile(recorded)) {
            return Optional.empty();
        }
        String javaHome = Files.readString(recorded).strip();
        if (javaHome.startsWith("/" + HostPaths.JCNI_LIB + "/") || Files.isExecutable(hostRoot.resolve(javaHome.replaceFirst("^/+", "")).resolve("bin/java"))) {
            return Optional.empty();
        }
        return Optional.of("warning: the plugins run " + javaHome + "/bin/java, which is neither in the bundle nor on the host"
                + " (use the release bundle, whose runtime lives in /" + HostPaths.JCNI_LIB + ")");
    }

    /** Makes {@code to} hold what {@code from} holds, but for the executables dir (it goes to the bin dir). */
    private static void mirror(Path from, Path to, List<String> log) throws IOException {
        Set<Path> wanted = new HashSet<>();
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().isEmpty() || rel.startsWith(EXECUTABLES)) {
                    continue;
                }
                wanted.add(rel);
                Path target = to.resolve(rel.toString());
                if (Files.isSymbolicLink(p)) {
                    Path link = Files.readSymbolicLink(p);
                    if (!Files.isSymbolicLink(target) || !Files.readSymbolicLink(target).equals(link)) {
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, link);
                    }
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                    if (AtomicFiles.write(target, Files.readAllBytes(p), mode)) {
                        log.add("installed " + target);
                    }
                }
            }
        }
        List<Path> stale;
        try (Stream<Path> s = Files.walk(to)) {
            // Deepest first, so a directory is empty when its turn comes.
            stale = s.filter(p -> !p.equals(to) && !wanted.contains(to.relativize(p)))
                    .sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
    }

    private static boolean isOurs(Path p) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        byte[] head;
        try (var in = Files.newInputStream(p)) {
            head = in.readNBytes(64 * 1024);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return MARKERS.stream().anyMatch(text::contains);
    }
}
