package io.jcni.manager.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.Json;
import io.jcni.conf.result.IpPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeInstallTest {
    @TempDir
    Path tmp;

    @Test
    void dualStackConflistHasOneRangeSetPerPodCidrAndExemptsTheClusterFromMasquerade() throws Exception {
        NodeNetwork net = NodeNetwork.defaults().withClusterCidrs(
                List.of(IpPrefix.parse("10.244.0.0/16"), IpPrefix.parse("fd00:10:244::/56")));
        JsonNode c = Json.read(NodeConflist.render(net, List.of(IpPrefix.parse("10.244.1.0/24"),
                IpPrefix.parse("fd00:10:244:1::/64"))).getBytes(), "conflist");
        assertEquals("jcni", c.get("name").asText());
        assertEquals(List.of("bridge", "portmap", "bandwidth"), java.util.stream.StreamSupport.stream(c.get("plugins").spliterator(), false)
                .map(x -> x.get("type").asText()).toList());
        JsonNode bridge = c.get("plugins").get(0);
        assertTrue(bridge.get("isDefaultGateway").asBoolean());
        assertTrue(bridge.get("ipMasq").asBoolean());
        assertEquals("[\"10.244.0.0/16\",\"fd00:10:244::/56\"]", bridge.get("ipMasqExcludeCidrs").toString());
        assertEquals("host-local", bridge.get("ipam").get("type").asText());
        assertEquals("[[{\"subnet\":\"10.244.1.0/24\"}],[{\"subnet\":\"fd00:10:244:1::/64\"}]]",
                bridge.get("ipam").get("ranges").toString());
        assertTrue(c.get("plugins").get(1).get("capabilities").get("portMappings").asBoolean());
        assertTrue(c.get("plugins").get(2).get("capabilities").get("bandwidth").asBoolean());
    }

    @Test
    void optionsFileDropsChainedPluginsAndSetsMtu() throws Exception {
        NodeNetwork net = NodeNetwork.parse(Json.read(
                "{\"network\":\"k8s\",\"bridge\":\"kbr0\",\"mtu\":1450,\"portmap\":false,\"bandwidth\":false,\"ipMasq\":false}"
                        .getBytes(), "t"), "network.json");
        JsonNode c = Json.read(NodeConflist.render(net, List.of(IpPrefix.parse("10.1.0.0/24"))).getBytes(), "c");
        assertEquals("k8s", c.get("name").asText());
        assertEquals(1, c.get("plugins").size());
        JsonNode bridge = c.get("plugins").get(0);
        assertEquals("kbr0", bridge.get("bridge").asText());
        assertEquals(1450, bridge.get("mtu").asInt());
        assertFalse(bridge.has("ipMasqExcludeCidrs"));
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing() {
        Path root = tmp.resolve("host");
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> install(root,
                List.of("10.1.0.0/24", "10.2.0.0/24"), NodeNetwork.defaults()));
        assertTrue(same.getMessage().startsWith("--pod-cidr:"), same.getMessage());
        IllegalArgumentException hostBits = assertThrows(IllegalArgumentException.class,
                () -> NodeNetwork.cidr("10.1.0.5/24", "--pod-cidr"));
        assertTrue(hostBits.getMessage().contains("host bits"), hostBits.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> install(root,
                List.of("10.9.0.0/24"), NodeNetwork.defaults().withClusterCidrs(List.of(IpPrefix.parse("10.244.0.0/16")))));
        assertTrue(outside.getMessage().startsWith("--cluster-cidr:"), outside.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NodeNetwork.parse(Json.read("{\"ipmasq\":true}".getBytes(), "t"), "network.json"));
        assertTrue(unknown.getMessage().contains("\"ipmasq\""), unknown.getMessage());
        assertFalse(Files.exists(NodeInstall.conflistPath(root)));
    }

    @Test
    void bundleIsCopiedOnceAndStaleJcniExecutablesGoButForeignOnesStay() throws Exception {
        Path bundle = tmp.resolve("bundle");
        write(bundle.resolve("launchers/bridge"), launcher("bridge", "/opt/jcni"), "rwxr-xr-x");
        write(bundle.resolve("java-home"), "/opt/jcni/runtime\n", "rw-r--r--");
        write(bundle.resolve("cni-bin/bridge"), "\0ELF jcni shim for the CNI plugin bridge\0", "rwxr-xr-x");
        write(bundle.resolve("cni-bin/portmap"), "\0ELF jcni shim for the CNI plugin portmap\0", "rwxr-xr-x");
        write(bundle.resolve("lib/jcni-cni-plugin.jar"), "jar", "rw-r--r--");
        write(bundle.resolve("jvm.args"), "-cp\n/opt/jcni/lib/jcni-cni-plugin.jar\n", "rw-r--r--");
        Path root = tmp.resolve("host");
        Files.createDirectories(root);
        Path bin = root.resolve("opt/cni/bin");
        write(bin.resolve("vlan"), "#!/bin/sh\n# jcni launcher for the CNI plugin \"vlan\"\n", "rwxr-xr-x");
        write(bin.resolve("macvlan"), "\0ELF the reference macvlan\0", "rwxr-xr-x");
        write(root.resolve("opt/jcni/lib/old.jar"), "old", "rw-r--r--");

        List<String> first = new NodeInstall(root, List.of(IpPrefix.parse("10.244.1.0/24")), Optional.of(bundle),
                NodeNetwork.defaults()).run();
        assertTrue(first.contains("plugins: bridge portmap"), first.toString());
        assertTrue(first.stream().noneMatch(l -> l.startsWith("warning")), first.toString());
        assertEquals(Files.readString(bundle.resolve("cni-bin/bridge")), Files.readString(bin.resolve("bridge")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bin.resolve("portmap"))));
        assertEquals("jar", Files.readString(root.resolve("opt/jcni/lib/jcni-cni-plugin.jar")));
        assertTrue(Files.exists(root.resolve("opt/jcni/launchers/bridge")));
        assertFalse(Files.exists(root.resolve("opt/jcni/cni-bin")), "the executables go to the bin dir only");
        assertFalse(Files.exists(root.resolve("opt/jcni/lib/old.jar")));
        assertFalse(Files.exists(bin.resolve("vlan")), "a jcni type the bundle lacks is removed");
        assertTrue(Files.exists(bin.resolve("macvlan")), "another project's plugin stays");
        assertTrue(Files.isDirectory(root.resolve("var/lib/cni")));
        assertTrue(Files.isDirectory(root.resolve("run/jcni")));
        String conflist = Files.readString(NodeInstall.conflistPath(root));
        assertTrue(conflist.contains("10.244.1.0/24"), conflist);
        try (var s = Files.list(root.resolve("etc/cni/net.d"))) {
            assertEquals(List.of("10-jcni.conflist"), s.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }

        long mtime = Files.getLastModifiedTime(bin.resolve("bridge")).toMillis();
        List<String> second = new NodeInstall(root, List.of(IpPrefix.parse("10.244.1.0/24")), Optional.of(bundle),
                NodeNetwork.defaults()).run();
        assertEquals(List.of("plugins: bridge portmap"), second, "a repeated install changes nothing");
        assertEquals(mtime, Files.getLastModifiedTime(bin.resolve("bridge")).toMillis());

        List<String> third = new NodeInstall(root, List.of(IpPrefix.parse("10.244.7.0/24")), Optional.empty(),
                NodeNetwork.defaults()).run();
        assertEquals(List.of("wrote " + NodeInstall.conflistPath(root)), third);
        assertTrue(Files.readString(NodeInstall.conflistPath(root)).contains("10.244.7.0/24"));
    }

    @Test
    void bundleInstalledForAnotherLibDirIsRefusedAndAJavaOutsideItWarned() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("host"));
        Path bundle = tmp.resolve("bundle");
        write(bundle.resolve("launchers/bridge"), launcher("bridge", "/usr/local/jcni"), "rwxr-xr-x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeInstall(root,
                List.of(IpPrefix.parse("10.244.1.0/24")), Optional.of(bundle), NodeNetwork.defaults()).run());
        assertTrue(e.getMessage().startsWith("--bundle:") && e.getMessage().contains("/usr/local/jcni"), e.getMessage());
        assertFalse(Files.exists(root.resolve("opt")), "nothing copied");

        write(bundle.resolve("launchers/bridge"), launcher("bridge", "/opt/jcni"), "rwxr-xr-x");
        write(bundle.resolve("java-home"), "/usr/lib/jvm/some-jdk\n", "rw-r--r--");
        List<String> log = new NodeInstall(root, List.of(IpPrefix.parse("10.244.1.0/24")), Optional.of(bundle),
                NodeNetwork.defaults()).run();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: the plugins run /usr/lib/jvm/some-jdk/bin/java")), log.toString());
    }

    private static String launcher(String type, String lib) {
        return "#!/bin/sh\n# jcni launcher for the CNI plugin \"" + type + "\", written by jcni's install.sh.\n"
                + "exec '/opt/jcni/runtime/bin/java' '@" + lib + "/jvm.args' '-XX:AOTCache=" + lib + "/jcni.aot' "
                + "io.jcni.plugin.launch.Main '" + type + "'\n";
    }

    @Test
    void bundleWithoutLaunchersIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("host"));
        Path bundle = Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeInstall(root,
                List.of(IpPrefix.parse("10.244.1.0/24")), Optional.of(bundle), NodeNetwork.defaults()).run());
        assertTrue(e.getMessage().startsWith("--bundle:"), e.getMessage());
    }

    private static List<String> install(Path root, List<String> cidrs, NodeNetwork net) throws Exception {
        Files.createDirectories(root);
        return new NodeInstall(root, cidrs.stream().map(IpPrefix::parse).toList(), Optional.empty(), net).run();
    }

    private static void write(Path p, String content, String mode) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }
}
