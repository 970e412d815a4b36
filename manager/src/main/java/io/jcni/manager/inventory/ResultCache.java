package io.jcni.manager.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** libcni's result cache, read only: where it is and what it holds. */
public final class ResultCache {
    public static final Path DEFAULT = Path.of("/var/lib/cni");

    private ResultCache() {
    }

    /** {@code --cache-dir}, else {@code CNI_CACHEDIR}, else {@code /var/lib/cni}. */
    public static Path locate(Optional<Path> option, Map<String, String> env) {
        if (option.isPresent()) {
            return option.get();
        }
        String v = env.getOrDefault("CNI_CACHEDIR", "");
        return v.isEmpty() ? DEFAULT : Path.of(v);
    }

    /** Every readable entry under {@code cacheDir/results}; unreadable ones are skipped. */
    public static List<CachedAttachment> read(Path cacheDir) {
        Path results = cacheDir.resolve("results");
        List<CachedAttachment> out = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return out;
        }
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.sorted().toList()) {
                parse(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static Optional<CachedAttachment> parse(Path file) {
        JsonNode n;
        try {
            n = Json.read(Files.readAllBytes(file), file.toString());
        } catch (IOException | CniException e) {
            return Optional.empty();
        }
        String network = n.path("networkName").asText("");
        String cid = n.path("containerId").asText("");
        String ifname = n.path("ifName").asText("");
        if (network.isEmpty() || cid.isEmpty()) {
            return Optional.empty();
        }
        String netns = n.path("netns").asText("");
        List<String> veths = new ArrayList<>();
        for (JsonNode i : n.path("result").path("interfaces")) {
            if (i.path("sandbox").asText("").isEmpty() && !i.path("name").asText("").isEmpty()) {
                veths.add(i.path("name").asText());
            }
        }
        JsonNode pm = n.path("capabilityArgs").path("portMappings");
        return Optional.of(new CachedAttachment(new AttachmentKey(network, cid, ifname),
                netns.isEmpty() ? Optional.empty() : Optional.of(netns), veths, pm.isArray() && !pm.isEmpty()));
    }
}
