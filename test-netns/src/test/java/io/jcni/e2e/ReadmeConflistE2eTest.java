package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's complete conflist, read from README.md, is valid and works for jcni's plugins and
 * the reference's: through cnitool in a sandbox host, ADD connects a pod that reaches the external
 * network and answers on a hostPort, and DEL leaves nothing. Only the state directories are moved
 * into the test's directory ({@code dataDir} of host-local and tuning), never /var/lib/cni.
 */
class ReadmeConflistE2eTest {
    private static final String MARKER = "A complete conflist";

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    /** The indented JSON block that follows the marker paragraph in README.md. */
    static ObjectNode readmeConflist() throws IOException {
        List<String> lines = Files.readAllLines(ProjectPaths.repository().resolve("README.md"));
        int i = 0;
        while (!lines.get(i).startsWith(MARKER)) {
            i++;
        }
        while (!lines.get(i).equals("    {")) {
            i++;
        }
        List<String> block = new ArrayList<>();
        for (; !lines.get(i).equals("    }"); i++) {
            block.add(lines.get(i).substring(4));
        }
        block.add("}");
        return (ObjectNode) Json.parse(String.join("\n", block));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theReadmeConflistConnectsAPodAndDelLeavesNothing(boolean jcni) throws IOException {
        ObjectNode conflist = readmeConflist();
        List<String> types = new ArrayList<>();
        conflist.path("plugins").forEach(p -> types.add(p.path("type").asText()));
        assertEquals(List.of("bridge", "portmap", "firewall", "tuning", "bandwidth"), types);
        Path ipam = work.resolve("ipam");
        ((ObjectNode) conflist.path("plugins").get(0).path("ipam")).put("dataDir", ipam.toString());
        ((ObjectNode) conflist.path("plugins").get(3)).put("dataDir", work.resolve("tuning").toString());
        String network = conflist.path("name").asText();

        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(jcni ? PluginSet.jcni() : PluginSet.reference(), host, work.resolve("cni"));
        cni.install((JsonNode) conflist);

        AddResult added = cni.add(network, Attachment.of(pod), PortmapConflist.CAP_ARGS);
        assertTrue(added.ip(false).startsWith("10.88."), added.json().toString());
        assertTrue(added.ip(true).startsWith("fd00:88::"), added.json().toString());
        assertEquals(1400, Inspect.link(pod, "eth0").path("mtu").asInt());
        assertEquals(1, Inspect.links(host, "ifb").size());
        pod.ping(ExternalNetwork.IPV4).orFail();
        assertEquals("tcp-ok", PortmapE2eTest.tcp(pod, ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT));
        if (jcni) { // the reference 1.1.1 portmap's CHECK of a dual-stack pod fails (see ReferencePortmapE2eTest)
            cni.check(network, Attachment.of(pod), PortmapConflist.CAP_ARGS);
        }

        cni.del(network, Attachment.of(pod), PortmapConflist.CAP_ARGS);

        assertEquals(List.of(ExternalNetwork.HOST_INTERFACE), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.links(host, "ifb"));
        assertEquals(List.of(), Inspect.reservations(ipam.resolve(network)));
        String rules = Inspect.natRules(host) + FirewallE2eTest.filterRules(host);
        assertFalse(rules.contains(added.ip(false)), rules);
        assertFalse(rules.contains(added.ip(true)), rules);
    }
}
