package io.jcni.manager.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.Json;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code jcni pod} remembers of a pod in {@code STATE-DIR/NAME/pod.json}: its pause process
 * (PID and kernel start time, so a reused PID is never taken for it), the namespaces it holds, and
 * where its network came from (config dir, plugin dirs, cache dir at create time), so that
 * {@code rm} from another shell DELs exactly what {@code create} ADDed.
 */
public record PodState(String name, long pid, long pidStartTime, boolean pidNamespace, Path netns,
                       String network, String containerId, String ifName, Path confDir, List<Path> pluginDirs,
                       Path cacheDir, List<String> addresses, Instant created) {
    public PodState {
        pluginDirs = List.copyOf(pluginDirs);
        addresses = List.copyOf(addresses);
    }

    public PodState withAddresses(List<String> list) {
        return new PodState(name, pid, pidStartTime, pidNamespace, netns, network, containerId, ifName, confDir,
                pluginDirs, cacheDir, list, created);
    }

    /** The namespaces the pause process holds, in nsenter's words. */
    public List<String> namespaces() {
        return pidNamespace ? List.of("net", "ipc", "uts", "pid") : List.of("net", "ipc", "uts");
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("pid", pid);
        o.put("pidStartTime", pidStartTime);
        o.put("pidNamespace", pidNamespace);
        o.put("netns", netns.toString());
        o.put("network", network);
        o.put("containerId", containerId);
        o.put("ifName", ifName);
        o.put("confDir", confDir.toString());
        var dirs = o.putArray("pluginDirs");
        pluginDirs.forEach(d -> dirs.add(d.toString()));
        o.put("cacheDir", cacheDir.toString());
        var addrs = o.putArray("addresses");
        addresses.forEach(addrs::add);
        o.put("created", created.toString());
        return o;
    }

    static PodState fromJson(JsonNode o) {
        List<Path> dirs = new ArrayList<>();
        o.path("pluginDirs").forEach(d -> dirs.add(Path.of(d.asText())));
        List<String> addrs = new ArrayList<>();
        o.path("addresses").forEach(a -> addrs.add(a.asText()));
        return new PodState(o.path("name").asText(), o.path("pid").asLong(), o.path("pidStartTime").asLong(),
                o.path("pidNamespace").asBoolean(), Path.of(o.path("netns").asText()), o.path("network").asText(),
                o.path("containerId").asText(), o.path("ifName").asText(), Path.of(o.path("confDir").asText()),
                dirs, Path.of(o.path("cacheDir").asText()), addrs, Instant.parse(o.path("created").asText()));
    }
}
