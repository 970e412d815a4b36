package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test directories to be bind-mounted over fixed system paths (/etc/cni/net.d, /opt/cni/bin, ...)
 * inside a private mount namespace, for tools that only look there. The machine's own view of
 * those paths never changes; a missing mount point is created on the real filesystem only because
 * a bind mount needs one, and {@link #close()} removes every directory created that way.
 */
public final class SystemPathBinds implements AutoCloseable {
    private final Map<Path, Path> targetToSource = new LinkedHashMap<>();
    /** Directories this object created, parents before children. */
    private final List<Path> created = new ArrayList<>();

    /** Binds {@code source} (created if missing) over {@code target} (a directory). */
    public SystemPathBinds bind(Path source, Path target) {
        try {
            Files.createDirectories(source);
            List<Path> missing = new ArrayList<>();
            for (Path dir = target; !Files.exists(dir); dir = dir.getParent()) {
                missing.addFirst(dir);
            }
            for (Path dir : missing) {
                Files.createDirectory(dir);
                created.add(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a bind mount over " + target, e);
        }
        targetToSource.put(target, source);
        return this;
    }

    /** Shell commands that make the binds; run them inside the private mount namespace only. */
    public String mountCommands() {
        StringBuilder script = new StringBuilder();
        targetToSource.forEach((target, source) -> script.append("mount --bind ")
                .append(Shell.quote(source.toString())).append(' ')
                .append(Shell.quote(target.toString())).append('\n'));
        return script.toString();
    }

    /** The directories created as mount points that still exist (empty after close). */
    public List<Path> createdMountPoints() {
        return created.stream().filter(Files::exists).toList();
    }

    @Override
    public void close() {
        IOException failure = null;
        for (Path dir : created.reversed()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot remove a mount point this test created", failure);
        }
    }
}
