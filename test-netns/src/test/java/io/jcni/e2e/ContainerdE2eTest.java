package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real runtime as the client: {@code ctr run --cni} in a private containerd connects a busybox
 * container to the bridge network of the {@link PluginSet} under test, and {@code --rm} takes it away
 * again (ctr calls DEL with an empty netns path).
 */
abstract class ContainerdE2eTest {
    private static final Pattern POD_ADDRESS = Pattern.compile("inet (10\\.23\\.0\\.\\d+)/24");

    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    ContainerdE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    @Test
    void ctrRunConnectsAContainerThatReachesTheExternalNetworkAndRmLeavesNothing() throws IOException {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        BridgeConflist net = new BridgeConflist("1.0.0", work.resolve("ipam"))
                .option("isGateway", true).option("isDefaultGateway", true).option("ipMasq", true)
                .subnet("10.23.0.0/24");
        Path image = BusyboxImage.build(work.resolve("image"));
        Containerd containerd = lab.keep(Containerd.start(host, plugins, net, work.resolve("containerd")));
        containerd.importImage(image);
        String id = Names.unique("ctr");

        ExecResult run;
        String source;
        try (PacketCapture capture = PacketCapture.start(ext, ExternalNetwork.INTERFACE, PacketCapture.ICMP_ECHO_REQUEST)) {
            // --cgroup "": runc's cgroup for the container goes with it; no parent cgroup is left.
            run = containerd.ctr("run", "--rm", "--cni", "--cgroup", "", BusyboxImage.NAME, id,
                    "sh", "-c", "ip -o -4 addr show dev eth0 && ping -c 1 -w 10 " + ExternalNetwork.IPV4);
            source = run.ok() ? capture.firstSource(BridgeE2eTest.CAPTURE_TIMEOUT) : "";
        }

        run.orFail();
        Matcher address = POD_ADDRESS.matcher(run.stdout());
        assertTrue(address.find(), run.describe());
        assertTrue(run.stdout().contains("1 packets received"), run.describe());
        assertEquals(ExternalNetwork.HOST_IPV4, source);
        // --rm deleted the container and ctr called DEL: no veth, no reservation, no cached result.
        assertEquals(List.of(ExternalNetwork.HOST_INTERFACE), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
        assertEquals("", containerd.ctr("containers", "list", "-q").orFail().stdout().strip());
        assertEquals("", containerd.ctr("tasks", "list", "-q").orFail().stdout().strip());
        assertEquals(List.of(), filesUnder(containerd.cniCache()));

        containerd.close();

        assertFalse(containerd.isRunning());
        assertEquals(List.of(), containerd.createdMountPoints());
        assertEquals(List.of(), processesMentioning(work.toString()));
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(work.toString()));
        assertEquals("", Exec.run("find", "/sys/fs/cgroup", "-maxdepth", "3", "-type", "d",
                "(", "-name", "*" + id + "*", "-o", "-name", Containerd.NAMESPACE, ")").orFail().stdout());
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Processes (containerd, shims, containers) whose command line names the test's directory. */
    private static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(text)).toList();
    }
}
