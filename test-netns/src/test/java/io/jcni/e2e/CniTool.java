package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Drives plugins through cnitool, that is through libcni as container runtimes do, inside a sandbox
 * host. Conflists go to a private {@code NETCONFPATH} and libcni's result cache to a private
 * {@code CNI_CACHEDIR}, both under a directory the test owns.
 */
public final class CniTool {
    private final PluginSet plugins;
    private final SandboxHost host;
    private final Path netconf;
    private final Path cache;

    public CniTool(PluginSet plugins, SandboxHost host, Path workDirectory) {
        this.plugins = plugins;
        this.host = host;
        this.netconf = workDirectory.resolve("net.d");
        this.cache = workDirectory.resolve("cache");
        try {
            Files.createDirectories(netconf);
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a network known to cnitool (replacing an earlier conflist of the same name). */
    public void install(BridgeConflist conflist) {
        try {
            Files.writeString(netconf.resolve(conflist.name() + ".conflist"), conflist.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes any conflist known to cnitool, under its {@code name}. */
    public void install(com.fasterxml.jackson.databind.JsonNode conflist) {
        try {
            Files.writeString(netconf.resolve(conflist.path("name").asText() + ".conflist"), Json.write(conflist));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public AddResult add(String network, Attachment attachment) {
        return add(network, attachment, Map.of());
    }

    /** ADD with extra cnitool environment, e.g. {@code CAP_ARGS} (capability args) or {@code CNI_ARGS}. */
    public AddResult add(String network, Attachment attachment, Map<String, String> extra) {
        return new AddResult(Json.parse(call("add", network, attachment, extra).stdout()));
    }

    public void check(String network, Attachment attachment) {
        check(network, attachment, Map.of());
    }

    /** CHECK with extra cnitool environment: the same {@code CAP_ARGS} as the ADD had. */
    public void check(String network, Attachment attachment, Map<String, String> extra) {
        call("check", network, attachment, extra);
    }

    public void del(String network, Attachment attachment) {
        del(network, attachment, Map.of());
    }

    /** DEL with extra cnitool environment: runtimes pass the same capability args as on ADD. */
    public void del(String network, Attachment attachment, Map<String, String> extra) {
        call("del", network, attachment, extra);
    }

    private ExecResult call(String verb, String network, Attachment attachment, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "NETCONFPATH", netconf.toString(),
                "CNI_PATH", plugins.cniPath(),
                "CNI_CACHEDIR", cache.toString(),
                "CNI_CONTAINERID", attachment.containerId(),
                "CNI_IFNAME", attachment.ifname()));
        env.putAll(extra);
        String netns = attachment.netns() == null ? "" : attachment.netns().toString();
        ExecResult result = host.exec(env, CniToolBinary.path().toString(), verb, network, netns);
        if (!result.ok()) {
            throw new CniFailure(verb, result);
        }
        return result;
    }
}
