package io.jcni.manager.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * libcni's result cache, in its format and place: {@code CACHEDIR/results/NETWORK-CONTAINERID-IFNAME},
 * one JSON object per attachment ({@code kind} {@code cniCacheV1}, {@code containerId},
 * {@code config} in base64, {@code ifName}, {@code networkName}, {@code netns}, {@code cniArgs},
 * {@code capabilityArgs}, {@code result}), directory 0700, files 0600. cnitool, containerd and
 * jcni read each other's entries.
 */
public final class ResultCache {
    static final String KIND = "cniCacheV1";

    private final Path dir;

    public ResultCache(Path cacheDir) {
        this.dir = cacheDir;
    }

    /** The file of one attachment. */
    public Path file(String network, String containerId, String ifName) {
        return dir.resolve("results").resolve(network + "-" + containerId + "-" + ifName);
    }

    /** Writes the entry of an ADD, as libcni's cacheAdd (field order of its struct, maps sorted). */
    public void write(Network network, RuntimeConf rt, JsonNode result) throws CniException {
        ObjectNode o = Json.object();
        o.put("kind", KIND);
        o.put("containerId", rt.containerId());
        o.put("config", Base64.getEncoder().encodeToString(network.bytes()));
        o.put("ifName", rt.ifName());
        o.put("networkName", network.name());
        if (!rt.netns().isEmpty()) {
            o.put("netns", rt.netns());
        }
        if (!rt.args().pairs().isEmpty()) {
            ArrayNode args = o.putArray("cniArgs");
            for (Map.Entry<String, String> e : rt.args().pairs()) {
                args.addArray().add(e.getKey()).add(e.getValue());
            }
        }
        if (!rt.capabilityArgs().isEmpty()) {
            o.set("capabilityArgs", GoJson.sorted(rt.capabilityArgs()));
        }
        o.set("result", GoJson.sorted(result));
        Path f = file(network.name(), rt.containerId(), rt.ifName());
        try {
            Files.createDirectories(f.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(f.getParent(), ".jcni", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, Json.compact(o));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "failed to set network \"" + network.name()
                    + "\" cached result: cannot write " + f, e.toString());
        }
    }

    /** The entry of one attachment, if there is one. */
    public Optional<CachedAttachment> read(String network, String containerId, String ifName) throws CniException {
        return read(file(network, containerId, ifName));
    }

    /** Removes the entry of one attachment; absent is fine. */
    public void delete(String network, String containerId, String ifName) throws CniException {
        Path f = file(network, containerId, ifName);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot remove the cached result " + f, e.toString());
        }
    }

    /** Every readable {@code cniCacheV1} entry of {@code network}, as libcni's GetCachedAttachments. */
    public List<CachedAttachment> list(String network) throws CniException {
        return listAll().stream().filter(a -> a.networkName().equals(network)).toList();
    }

    /** Every readable {@code cniCacheV1} entry, of every network; entries libcni cannot decode are skipped. */
    public List<CachedAttachment> listAll() throws CniException {
        List<CachedAttachment> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("results"))) {
            files = s.sorted().toList();
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot list the result cache " + dir.resolve("results"), e.toString());
        }
        for (Path f : files) {
            try {
                read(f).filter(a -> !a.containerId().isEmpty()).ifPresent(out::add);
            } catch (CniException unreadable) {
                // libcni skips entries it cannot decode
            }
        }
        return out;
    }

    private static Optional<CachedAttachment> read(Path f) throws CniException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot read the cached result " + f, e.toString());
        }
        ObjectNode o = Json.readObject(bytes, "cached result " + f);
        if (!KIND.equals(o.path("kind").asText())) {
            // A cache from before cniCacheV1 holds the bare result.
            return Optional.of(new CachedAttachment("", "", "", "", CniArgs.EMPTY, Json.object(), new byte[0], Optional.of(o)));
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (JsonNode p : o.path("cniArgs")) {
            pairs.add(Map.entry(p.path(0).asText(), p.path(1).asText()));
        }
        byte[] config;
        try {
            config = o.path("config").isTextual() ? Base64.getDecoder().decode(o.get("config").asText()) : new byte[0];
        } catch (IllegalArgumentException e) {
            throw new CniException(ErrorCode.DECODING_FAILURE, "cached result " + f + ": config is not base64");
        }
        JsonNode caps = o.path("capabilityArgs");
        JsonNode result = o.path("result");
        return Optional.of(new CachedAttachment(o.path("containerId").asText(), o.path("ifName").asText(),
                o.path("networkName").asText(), o.path("netns").asText(), new CniArgs(pairs),
                caps.isObject() ? (ObjectNode) caps : Json.object(), config,
                result.isObject() ? Optional.of(result) : Optional.empty()));
    }
}
