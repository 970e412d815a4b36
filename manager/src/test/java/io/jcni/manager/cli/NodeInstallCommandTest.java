package io.jcni.manager.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeInstallCommandTest {
    @TempDir
    Path root;

    @Test
    void commandLineWinsOverTheConfigFile() throws Exception {
        Path config = root.resolve("network.json");
        Files.writeString(config, "{\"network\":\"fromfile\",\"clusterCidrs\":[\"10.0.0.0/8\"],\"bandwidth\":false}");
        int status = new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", root.toString(),
                "--pod-cidr", "10.244.3.0/24", "fd00:10:244:3::/64", "--cluster-cidr", "10.244.0.0/16",
                "fd00:10:244::/56", "--network", "k8s-pods", "--config", config.toString());
        assertEquals(0, status);
        String conflist = Files.readString(root.resolve("etc/cni/net.d/10-jcni.conflist"));
        assertTrue(conflist.contains("\"name\": \"k8s-pods\""), conflist);
        assertTrue(conflist.contains("\"10.244.0.0/16\""), conflist);
        assertFalse(conflist.contains("10.0.0.0/8"), conflist);
        assertFalse(conflist.contains("\"bandwidth\""), conflist);
        assertTrue(conflist.contains("fd00:10:244:3::/64"), conflist);
    }

    @Test
    void badCidrExitsTwoAndWritesNothing() throws Exception {
        Path config = root.resolve("network.json");
        Files.writeString(config, "{\"mtu\":\"big\"}");
        assertEquals(2, new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", root.toString(),
                "--pod-cidr", "10.244.3.0/33"));
        assertEquals(2, new CommandLine(new JcniCommand()).execute("node", "install", "--host-root", root.toString(),
                "--pod-cidr", "10.244.3.0/24", "--config", config.toString()));
        assertFalse(Files.exists(root.resolve("etc/cni/net.d")));
    }
}
