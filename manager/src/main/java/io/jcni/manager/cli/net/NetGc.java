package io.jcni.manager.cli.net;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;
import io.jcni.conf.ValidAttachment;
import io.jcni.manager.cleanup.ValidAttachmentsFile;
import io.jcni.manager.cli.OutputFormat;
import io.jcni.manager.net.CachedAttachment;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            description = "table (default: a line per deleted attachment) or json (an array of them)")
    OutputFormat output = OutputFormat.table;

    @Override
    String verb() {
        return "gc";
    }

    @Override
    int run(Network network, NetworkRunner runner) throws CniException {
        List<ValidAttachment> valid = new ArrayList<>();
        if (validFile != null) {
            valid.addAll(ValidAttachmentsFile.read(validFile));
        } else if (!all) {
            for (CachedAttachment a : runner.cache().list(network.name())) {
                if (!a.netns().isEmpty() && Files.exists(Path.of(a.netns()))) {
                    valid.add(new ValidAttachment(a.containerId(), a.ifName()));
                }
            }
        }
        List<CachedAttachment> deleted = runner.gc(network, valid);
        if (output == OutputFormat.json) {
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
}
