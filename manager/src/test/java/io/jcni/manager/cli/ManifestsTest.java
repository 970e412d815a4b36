package io.jcni.manager.cli;

import io.jcni.conf.Json;
import io.jcni.manager.node.HostPaths;
import io.jcni.manager.node.NodeNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes against the code: the command lines parse with the jcni command's own picocli
 * model, the paths they name are the ones the code uses and are mounted from the host paths the
 * code assumes, the image is this version, the RBAC covers what the code reads, the ConfigMap's
 * options are ones {@code jcni node install} accepts. Parsed with Jackson 3's YAML module, which
 * fabric8 already brings.
 */
class ManifestsTest {
    static final Path DIR = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/kubernetes");
    static final String HOST_ROOT = "/host";
    static final String JCNI = "/" + HostPaths.JCNI_LIB + "/bin/jcni";

    static List<JsonNode> objects = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(f.toFile())) {
                    while (it.hasNextValue()) {
                        JsonNode o = it.nextValue();
                        if (o != null && !o.isNull()) {
                            objects.add(o);
                        }
                    }
                }
            }
        }
    }

    static JsonNode object(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + DIR));
    }

    static JsonNode podSpec() {
        return object("DaemonSet").path("spec").path("template").path("spec");
    }

    static JsonNode container(String list, String name) {
        for (JsonNode c : podSpec().path(list)) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + list + " entry named " + name);
    }

    static List<String> command(JsonNode container) {
        List<String> out = new ArrayList<>();
        container.path("command").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** The host path of each hostPath volume, by volume name. */
    static Map<String, String> hostPaths() {
        Map<String, String> out = new HashMap<>();
        podSpec().path("volumes").forEach(v -> {
            if (v.has("hostPath")) {
                out.put(v.path("name").asText(), v.path("hostPath").path("path").asText());
            }
        });
        return out;
    }

    /** Mount path → volume name of a container. */
    static Map<String, String> mounts(JsonNode container) {
        Map<String, String> out = new HashMap<>();
        container.path("volumeMounts").forEach(m -> out.put(m.path("mountPath").asText(), m.path("name").asText()));
        return out;
    }

    /** The subcommand's parse result of a container's command line, parsed by the jcni command's own model. */
    static ParseResult parse(List<String> command, String... subcommands) {
        assertEquals(JCNI, command.getFirst(), "the jcni command as install.sh lays it out in the lib dir");
        ParseResult r = new CommandLine(new JcniCommand()).parseArgs(command.subList(1, command.size()).toArray(String[]::new));
        for (String s : subcommands) {
            assertTrue(r.hasSubcommand(), "no subcommand " + s + " in " + command);
            r = r.subcommand();
            assertEquals(s, r.commandSpec().name());
        }
        return r;
    }

    @Test
    void theInitStepInstallsIntoTheHostPathsTheCodeUses() {
        JsonNode init = container("initContainers", "install");
        ParseResult r = parse(command(init), "node", "install");
        assertEquals(HOST_ROOT, r.matchedOptionValue("--host-root", Path.of("")).toString());
        assertEquals("/" + HostPaths.JCNI_LIB, r.matchedOptionValue("--bundle", Path.of("")).toString(),
                "the image's lib dir, laid out for the host's");
        assertFalse(r.hasMatchedOption("--pod-cidr"), "the pod CIDRs come from the Node (--node-name / NODE_NAME)");

        Map<String, String> hostPaths = hostPaths();
        Map<String, String> mounts = mounts(init);
        for (String relative : List.of(HostPaths.CNI_BIN, HostPaths.CNI_CONF, HostPaths.JCNI_LIB, HostPaths.CNI_STATE, HostPaths.JCNI_RUN)) {
            String volume = mounts.get(HOST_ROOT + "/" + relative);
            assertNotNull(volume, "the init step mounts " + HOST_ROOT + "/" + relative);
            assertEquals("/" + relative, hostPaths.get(volume), "volume " + volume + " is the host's /" + relative);
        }

        Path config = r.matchedOptionValue("--config", Path.of(""));
        String configVolume = mounts.get(config.getParent().toString());
        assertNotNull(configVolume, "the --config file's directory is a mount: " + config);
        JsonNode volume = null;
        for (JsonNode v : podSpec().path("volumes")) {
            if (v.path("name").asText().equals(configVolume)) {
                volume = v;
            }
        }
        assertNotNull(volume);
        JsonNode configMap = object("ConfigMap");
        assertEquals(configMap.path("metadata").path("name").asText(), volume.path("configMap").path("name").asText());
        String json = configMap.path("data").path(config.getFileName().toString()).asText();
        assertFalse(json.isEmpty(), "the ConfigMap holds " + config.getFileName());
    }

    @Test
    void theConfigMapsOptionsAreOnesNodeInstallAccepts() throws Exception {
        NodeNetwork net = NodeNetwork.parse(Json.read(object("ConfigMap").path("data").path("network.json").asText()
                .getBytes(), "network.json"), "ConfigMap jcni-config network.json");
        assertFalse(net.clusterCidrs().isEmpty(), "clusterCidrs set, so pod-to-pod traffic keeps its source");
    }

    @Test
    void theDaemonServesTheSocketTheShimsUseAndWatchesNodes() {
        JsonNode daemon = container("containers", "daemon");
        ParseResult r = parse(command(daemon), "daemon", "run");
        assertEquals("kubernetes", r.matchedOptionValue("--routes", RouteSource.none).name());
        Path socket = r.matchedOptionValue("--socket", Path.of(""));
        assertEquals(Settings.DEFAULT_SOCKET, socket, "the socket install.sh builds the shims for by default");
        String volume = mounts(daemon).get(socket.getParent().toString());
        assertEquals("/" + HostPaths.JCNI_RUN, hostPaths().get(volume), "the socket is in the host's /run/jcni");
        assertEquals("/" + HostPaths.CNI_STATE, hostPaths().get(mounts(daemon).get("/" + HostPaths.CNI_STATE)),
                "host-local's store is the host's");
    }

    @Test
    void bothContainersRunThisVersionsImageWithTheNodeNameOnTheHostNetwork() {
        JsonNode init = container("initContainers", "install");
        JsonNode daemon = container("containers", "daemon");
        String version = new CommandLine(new JcniCommand()).getCommandSpec().version()[0].replace("jcni ", "");
        for (JsonNode c : List.of(init, daemon)) {
            assertTrue(c.path("image").asText().endsWith(":" + version), c.path("image").asText() + " is version " + version);
            assertTrue(c.path("securityContext").path("privileged").asBoolean(), c.path("name") + " is privileged");
            JsonNode env = null;
            for (JsonNode e : c.path("env")) {
                if (e.path("name").asText().equals("NODE_NAME")) {
                    env = e;
                }
            }
            assertNotNull(env, c.path("name") + " has NODE_NAME");
            assertEquals("spec.nodeName", env.path("valueFrom").path("fieldRef").path("fieldPath").asText());
        }
        assertEquals(init.path("image"), daemon.path("image"));
        assertTrue(podSpec().path("hostNetwork").asBoolean());
    }

    @Test
    void theServiceAccountMayGetListAndWatchNodes() {
        String account = podSpec().path("serviceAccountName").asText();
        String namespace = object("DaemonSet").path("metadata").path("namespace").asText();
        JsonNode sa = object("ServiceAccount");
        assertEquals(account, sa.path("metadata").path("name").asText());
        assertEquals(namespace, sa.path("metadata").path("namespace").asText());
        JsonNode binding = object("ClusterRoleBinding");
        JsonNode role = object("ClusterRole");
        assertEquals(role.path("metadata").path("name").asText(), binding.path("roleRef").path("name").asText());
        boolean bound = false;
        for (JsonNode s : binding.path("subjects")) {
            bound |= s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(account)
                    && s.path("namespace").asText().equals(namespace);
        }
        assertTrue(bound, "the binding names the DaemonSet's service account");
        Set<String> verbs = new java.util.HashSet<>();
        for (JsonNode rule : role.path("rules")) {
            List<String> resources = new ArrayList<>();
            rule.path("resources").forEach(x -> resources.add(x.asText()));
            if (resources.contains("nodes")) {
                rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            }
        }
        assertTrue(verbs.containsAll(Set.of("get", "list", "watch")), "verbs on nodes: " + verbs);
    }

    @Test
    void theKustomizationListsEveryManifest() throws Exception {
        JsonNode k = new YAMLMapper().readTree(DIR.resolve("kustomization.yaml").toFile());
        Set<String> listed = new java.util.HashSet<>();
        k.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toSet());
        }
        assertEquals(files, listed);
    }
}
