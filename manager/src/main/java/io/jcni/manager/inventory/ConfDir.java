package io.jcni.manager.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ConfList;
import io.jcni.conf.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The networks of a CNI config dir, as libcni reads it: {@code *.conflist} files, and
 * {@code *.conf} / {@code *.json} single configs wrapped into a list of one; files in name order,
 * the first file of a network name wins. Unreadable files are reported, not fatal.
 */
public record ConfDir(Path directory, List<NetworkDefinition> networks, List<String> problems) {
    public static final Path DEFAULT = Path.of("/etc/cni/net.d");

    /** {@code --conf-dir}, else {@code NETCONFPATH} (as cnitool), else {@code /etc/cni/net.d}. */
    public static Path locate(Optional<Path> option, Map<String, String> env) {
        if (option.isPresent()) {
            return option.get();
        }
        String v = env.getOrDefault("NETCONFPATH", "");
        return v.isEmpty() ? DEFAULT : Path.of(v);
    }

    public static ConfDir read(Path directory) {
        Map<String, NetworkDefinition> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new ConfDir(directory, List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(ConfDir::isConfig).sorted().toList();
        } catch (IOException e) {
            return new ConfDir(directory, List.of(), List.of("cannot list " + directory + ": " + e.getMessage()));
        }
        for (Path f : files) {
            try {
                ConfList list = parse(f);
                byName.putIfAbsent(list.name(), NetworkDefinition.of(f, list));
            } catch (IOException e) {
                problems.add(f + ": " + e.getMessage());
            } catch (CniException e) {
                problems.add(f + ": " + e.msg() + (e.details().isEmpty() ? "" : " (" + e.details() + ")"));
            }
        }
        return new ConfDir(directory, List.copyOf(byName.values()), List.copyOf(problems));
    }

    public Optional<NetworkDefinition> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private static boolean isConfig(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".conflist") || n.endsWith(".conf") || n.endsWith(".json"));
    }

    private static ConfList parse(Path f) throws IOException, CniException {
        byte[] bytes = Files.readAllBytes(f);
        if (f.getFileName().toString().endsWith(".conflist")) {
            return ConfList.parse(bytes);
        }
        ObjectNode single = Json.readObject(bytes, f.toString());
        ObjectNode list = Json.object();
        list.put("cniVersion", single.path("cniVersion").asText(""));
        list.put("name", single.path("name").asText(""));
        list.putArray("plugins").add(single);
        return ConfList.parse(Json.compact(list));
    }
}
