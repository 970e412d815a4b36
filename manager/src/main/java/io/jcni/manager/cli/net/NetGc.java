package io.jcni.manager.cli.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Json;
import io.jcni.conf.ValidAttachment;
import io.jcni.manager.net.CachedAttachment;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code jcni net gc}: libcni's GCNetworkList over the result cache. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Deletes the network's stale attachments: every cached attachment that is not valid gets a DEL "
                + "(and leaves the cache); then, for spec 1.1.0 lists, every plugin gets GC with the valid attachments. "
                + "Valid are the attachments in --valid-attachments FILE when given, else those whose network "
                + "namespace still exists; --all treats none as valid, as cnitool gc does. Prints what it deleted.", ""},
        footer = {"", "Examples:", "  jcni net gc podnet",
                "  echo '[{\"containerID\":\"web\",\"ifname\":\"eth0\"}]' > valid.json",
                "  jcni net gc --valid-attachments valid.json podnet"})
final class NetGc extends NetVerb {
    @Option(names = "--valid-attachments", paramLabel = "FILE",
            description = "a JSON array of {\"containerID\", \"ifname\"}: the attachments the runtime still uses")
    Path validFile;

    @Option(names = "--all", description = "no attachment is valid: delete every cached attachment of the network")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (default: a line per deleted attachment) or json (an array of them)")
    Format output = Format.text;

    /** {@code -o}: lines for people, JSON for scripts. */
    enum Format {
        text,
        json
    }

    @Override
    String verb() {
        return "gc";
    }

    @Override
    int run(Network network, NetworkRunner runner) throws CniException {
        List<ValidAttachment> valid = new ArrayList<>();
        if (validFile != null) {
            valid.addAll(read(validFile));
        } else if (!all) {
            for (CachedAttachment a : runner.cache().list(network.name())) {
                if (!a.netns().isEmpty() && Files.exists(Path.of(a.netns()))) {
                    valid.add(new ValidAttachment(a.containerId(), a.ifName()));
                }
            }
        }
        List<CachedAttachment> deleted = runner.gc(network, valid);
        if (output == Format.json) {
            ArrayNode out = Json.mapper().createArrayNode();
            for (CachedAttachment a : deleted) {
                out.addObject().put("network", network.name()).put("containerId", a.containerId())
                        .put("ifName", a.ifName()).put("netns", a.netns());
            }
            System.out.println(new String(Json.pretty(out), StandardCharsets.UTF_8));
            return 0;
        }
        for (CachedAttachment a : deleted) {
            System.out.println("deleted " + network.name() + " " + a.containerId() + " " + a.ifName()
                    + (a.netns().isEmpty() ? "" : " (netns " + a.netns() + ")"));
        }
        return 0;
    }

    private static List<ValidAttachment> read(Path file) throws CniException {
        JsonNode n;
        try {
            n = Json.read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot read --valid-attachments " + file, e.toString());
        }
        if (!n.isArray()) {
            throw new CniException(ErrorCode.DECODING_FAILURE, file + ": expected a JSON array of {\"containerID\", \"ifname\"}");
        }
        List<ValidAttachment> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode o = n.get(i);
            if (!o.path("containerID").isTextual() || !o.path("ifname").isTextual()) {
                throw new CniException(ErrorCode.DECODING_FAILURE, file + ": [" + i + "]: want string fields containerID and ifname");
            }
            out.add(new ValidAttachment(o.get("containerID").asText(), o.get("ifname").asText()));
        }
        return out;
    }
}
