package io.jcni.manager.pod;

import io.jcni.conf.CniException;
import io.jcni.conf.Json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pods of a state dir (default {@code /run/jcni/pods}): one directory per pod with its
 * {@code pod.json}, the bind-mounted {@code netns} and the pause process's {@code pause.log}.
 * Changes happen under a lock on {@code STATE-DIR/.lock}, so two shells never make or remove the
 * same pod at once.
 */
public final class PodStore {
    public static final Path DEFAULT_DIR = Path.of("/run/jcni/pods");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,47}");

    private final Path dir;

    public PodStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Letters, digits, '_', '.', '-', starting with a letter or digit, at most 48: it is a hostname and a file name. */
    static void checkName(String name) throws PodException {
        if (!NAME.matcher(name).matches()) {
            throw new PodException("bad pod name \"" + name + "\": want letters, digits, '_', '.', '-' (starting with a letter or digit), at most 48 characters");
        }
    }

    Path podDir(String name) {
        return dir.resolve(name);
    }

    /** Holds the store's lock until closed. */
    AutoCloseable lock() throws PodException {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            return () -> {
                lock.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new PodException("cannot lock the pod state dir " + dir + ": " + e.getMessage(), e);
        }
    }

    void save(PodState s) throws PodException {
        Path f = podDir(s.name()).resolve("pod.json");
        try {
            Path tmp = f.resolveSibling("pod.json.tmp");
            Files.write(tmp, Json.pretty(s.toJson()));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PodException("pod " + s.name() + ": cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    public Optional<PodState> load(String name) throws PodException {
        Path f = podDir(name).resolve("pod.json");
        try {
            return Optional.of(PodState.fromJson(Json.read(Files.readAllBytes(f), f.toString())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | CniException | RuntimeException e) {
            throw new PodException("pod " + name + ": unreadable state " + f + ": " + e.getMessage(), e);
        }
    }

    /** Every pod with readable state, by name. */
    public List<PodState> list() throws PodException {
        List<PodState> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList()) {
                load(p.getFileName().toString()).ifPresent(out::add);
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new PodException("cannot list the pod state dir " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes the pod's directory (its netns mount must be gone already). */
    void delete(String name) throws PodException {
        Path d = podDir(name);
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new PodException("pod " + name + ": cannot remove " + d + ": " + e.getMessage(), e);
        }
    }
}
