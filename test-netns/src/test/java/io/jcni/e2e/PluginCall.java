package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one plugin executable directly, as the CNI spec describes (CNI_* environment, config on
 * stdin), inside a sandbox host: for what libcni here cannot drive (spec 1.1.0, STATUS, GC).
 */
public final class PluginCall {
    private final PluginSet plugins;
    private final SandboxHost host;

    public PluginCall(PluginSet plugins, SandboxHost host) {
        this.plugins = plugins;
        this.host = host;
    }

    /** Runs {@code type} with CNI_COMMAND {@code command}; {@code attachment} may be null (STATUS, GC). */
    public ExecResult run(String type, String command, Attachment attachment, JsonNode config) {
        String executable = plugins.find(type).orElseThrow(
                () -> new IllegalStateException(plugins + " has no " + type + " plugin")).toString();
        Map<String, String> env = new HashMap<>(Map.of("CNI_COMMAND", command, "CNI_PATH", plugins.cniPath()));
        if (attachment != null) {
            env.put("CNI_CONTAINERID", attachment.containerId());
            env.put("CNI_IFNAME", attachment.ifname());
            env.put("CNI_NETNS", attachment.netns() == null ? "" : attachment.netns().toString());
        }
        return host.exec(env, Json.write(config).getBytes(StandardCharsets.UTF_8), executable);
    }
}
