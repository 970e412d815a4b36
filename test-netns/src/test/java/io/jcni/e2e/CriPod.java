package io.jcni.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A pod sandbox config as a kubelet sends it in RunPodSandbox (protobuf JSON of
 * {@code PodSandboxConfig}): metadata, the pod network namespace, and optionally host ports,
 * annotations and DNS config.
 */
public final class CriPod {
    private final String name;
    private final ObjectNode config = Json.object();

    public CriPod(String name) {
        this.name = name;
        config.putObject("metadata").put("name", name).put("namespace", "default")
                .put("uid", UUID.randomUUID().toString()).put("attempt", 0);
        config.put("hostname", name);
        config.putObject("linux").putObject("security_context").putObject("namespace_options")
                .put("network", "POD").put("pid", "CONTAINER").put("ipc", "POD");
        config.putObject("labels").put("app", name);
    }

    public String name() {
        return name;
    }

    /** A hostPort: {@code hostPort} on the node goes to {@code containerPort} of the pod. */
    public CriPod hostPort(String protocol, int hostPort, int containerPort) {
        config.withArray("port_mappings").addObject().put("protocol", protocol)
                .put("container_port", containerPort).put("host_port", hostPort).put("host_ip", "");
        return this;
    }

    public CriPod annotation(String key, String value) {
        ObjectNode annotations = config.has("annotations") ? (ObjectNode) config.get("annotations")
                : config.putObject("annotations");
        annotations.put(key, value);
        return this;
    }

    public CriPod dns(String server, String search, String option) {
        ObjectNode dns = config.putObject("dns_config");
        dns.putArray("servers").add(server);
        dns.putArray("searches").add(search);
        dns.putArray("options").add(option);
        return this;
    }

    public ArrayNode dnsServers() {
        return (ArrayNode) config.path("dns_config").path("servers");
    }

    String json(Path logDirectory) {
        return Json.write(config.deepCopy().put("log_directory", logDirectory.toString()));
    }
}
