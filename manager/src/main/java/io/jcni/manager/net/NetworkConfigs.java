package io.jcni.manager.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ConfList;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The networks of a config dir, found as libcni's {@code LoadConfList} finds them: the
 * {@code .conflist} files in sorted order, the first whose {@code name} matches; else a single
 * plugin config ({@code .conf}, {@code .json}) of that name, up-converted into a list. A file that
 * does not parse on the way stops the search, as in libcni.
 */
public final class NetworkConfigs {
    private final Path dir;

    public NetworkConfigs(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The network named {@code name}; code 7 (invalid network config) naming the dir when there is none. */
    public Network load(String name) throws CniException {
        List<Path> lists = files(".conflist");
        for (Path f : lists) {
            Network n = list(f);
            if (n.name().equals(name)) {
                return n;
            }
        }
        List<Path> singles = files(".conf", ".json");
        for (Path f : singles) {
            ObjectNode raw = single(f);
            if (name.equals(raw.path("name").asText(null))) {
                return upConverted(raw, f);
            }
        }
        if (lists.isEmpty() && singles.isEmpty()) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "no net configurations found in " + dir);
        }
        throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                "no net configuration with name \"" + name + "\" in " + dir);
    }

    /** Every network of the dir, each as {@link #load} finds it by name, and what could not be read. */
    public record Listing(List<Network> networks, List<String> problems) {
        public Listing {
            networks = List.copyOf(networks);
            problems = List.copyOf(problems);
        }
    }

    /** Every network {@link #load} could return, in file order; unreadable files are reported, not fatal. */
    public Listing all() {
        Map<String, Network> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Path> lists;
        List<Path> singles;
        try {
            lists = files(".conflist");
            singles = files(".conf", ".json");
        } catch (CniException e) {
            return new Listing(List.of(), List.of(problem(e)));
        }
        for (Path f : lists) {
            try {
                Network n = list(f);
                byName.putIfAbsent(n.name(), n);
            } catch (CniException e) {
                problems.add(problem(e));
            }
        }
        for (Path f : singles) {
            try {
                ObjectNode raw = single(f);
                if (!byName.containsKey(raw.path("name").asText(""))) {
                    Network n = upConverted(raw, f);
                    byName.put(n.name(), n);
                }
            } catch (CniException e) {
                problems.add(problem(e));
            }
        }
        return new Listing(new ArrayList<>(byName.values()), problems);
    }

    private static String problem(CniException e) {
        return e.msg() + (e.details().isEmpty() ? "" : " (" + e.details() + ")");
    }

    /** The network a runtime such as containerd would pick: the first config file in sorted order. */
    public Optional<Network> first() throws CniException {
        List<Path> all = files(".conf", ".conflist", ".json");
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path f = all.getFirst();
        return Optional.of(f.toString().endsWith(".conflist") ? list(f) : upConverted(single(f), f));
    }

    private static Network list(Path f) throws CniException {
        byte[] bytes = read(f);
        try {
            return new Network(ConfList.parse(bytes), bytes, f);
        } catch (CniException e) {
            throw new CniException(e.code(), f + ": " + e.msg(), e.details(), e);
        }
    }

    private static ObjectNode single(Path f) throws CniException {
        ObjectNode raw = Json.readObject(read(f), f.toString());
        if (raw.path("type").asText("").isEmpty()) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, f + ": missing 'type'");
        }
        return raw;
    }

    /** libcni's ConfListFromConf: {@code {"cniVersion", "name", "plugins": [the config]}} through a Go map. */
    private static Network upConverted(ObjectNode raw, Path f) throws CniException {
        ObjectNode list = Json.object();
        list.put("cniVersion", raw.path("cniVersion").asText(""));
        list.put("name", raw.path("name").asText(""));
        list.putArray("plugins").add(raw);
        byte[] bytes = Json.compact(GoJson.sorted(list));
        try {
            return new Network(ConfList.parse(bytes), bytes, f);
        } catch (CniException e) {
            throw new CniException(e.code(), f + ": " + e.msg(), e.details(), e);
        }
    }

    private List<Path> files(String... extensions) throws CniException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !Files.isDirectory(p))
                    .filter(p -> Stream.of(extensions).anyMatch(e -> extension(p).equals(e)))
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot list the config dir " + dir, e.toString());
        }
    }

    /** Go's filepath.Ext: from the last dot of the file name. */
    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot);
    }

    private static byte[] read(Path f) throws CniException {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "error reading " + f, e.toString());
        }
    }
}
