package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The lab itself: what lab.sh builds is what the end-to-end tests rely on, and down removes it all. */
class LabScriptTest {
    @AutoClose
    final Lab lab = new Lab();

    @Test
    void externalNetworkIsReachableFromTheHostOverBothFamilies() {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);

        host.ping(ExternalNetwork.IPV4).orFail();
        host.ping(ExternalNetwork.IPV6).orFail();
        assertEquals(List.of(ExternalNetwork.HOST_IPV4 + "/24", ExternalNetwork.HOST_IPV6 + "/64"),
                Inspect.addresses(host, ExternalNetwork.HOST_INTERFACE));
        assertEquals(List.of(ExternalNetwork.IPV4 + "/24", ExternalNetwork.IPV6 + "/64"),
                Inspect.addresses(ext, ExternalNetwork.INTERFACE));
        // No way back to pod subnets but masquerade: only the connected routes exist out there.
        String routes = ext.exec("ip", "-4", "route").orFail().stdout().strip();
        assertEquals("203.0.113.0/24 dev eth0 proto kernel scope link src 203.0.113.1", routes);
    }

    @Test
    void aSecondExternalNetworkOnOneHostIsRefusedAndLeavesNothing() {
        SandboxHost host = lab.host();
        lab.external(host);
        String name = Names.unique("ext");

        ExecResult refused = Exec.run(LabScript.command("external", host.name(), name), Map.of(), Exec.DEFAULT_TIMEOUT);

        assertFalse(refused.ok());
        assertTrue(refused.stderr().contains("already has an external network"), refused.describe());
        assertFalse(Files.exists(Path.of("/var/run/netns", name)));
    }

    // Closing twice is fine: the lab closes everything again after the test, and down is idempotent.

    @Test
    void pausePodHoldsAFreshEmptyNetworkNamespaceUntilClosed() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        Path proc = Path.of("/proc", Long.toString(pod.pid()), "ns");
        assertNotEquals(Netns.inode(Path.of("/proc/self/ns/net")), pod.inode());
        assertNotEquals(host.inode(), pod.inode());
        assertNotEquals(Netns.inode(Path.of("/proc/self/ns/ipc")), Netns.inode(proc.resolve("ipc")));
        assertNotEquals(Netns.inode(Path.of("/proc/self/ns/uts")), Netns.inode(proc.resolve("uts")));
        assertEquals(List.of("lo"), Inspect.links(pod));
        assertEquals("DOWN", Inspect.link(pod, "lo").path("operstate").asText());
        assertEquals("/proc/" + pod.pid() + "/ns/net", LabScript.run("path", pod.name()).stdout().strip());

        pod.close();

        assertFalse(pod.isAlive());
        assertFalse(Exec.run(LabScript.command("path", pod.name()), Map.of(), Exec.DEFAULT_TIMEOUT).ok());
    }

    @Test
    void netnsPodIsBindMountedAndDownRemovesItTwice() {
        NetnsPod pod = lab.netnsPod();
        assertTrue(Files.exists(pod.netnsPath()));
        assertEquals(pod.netnsPath().toString(), LabScript.run("path", pod.name()).stdout().strip());
        assertEquals(List.of("lo"), Inspect.links(pod));

        pod.close();

        assertFalse(Files.exists(pod.netnsPath()));
        LabScript.run("down", pod.name());
    }

    @Test
    void downRemovesTheHostAndItsExternalNetwork() {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);

        host.close();

        assertFalse(Files.exists(host.netnsPath()));
        // The external end loses its peer when the kernel tears the host namespace down, which it
        // does asynchronously after the last reference goes: wait for it, within a bound.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        List<String> links = Inspect.links(ext);
        while (!links.equals(List.of("lo")) && System.nanoTime() < deadline) {
            sleep(50);
            links = Inspect.links(ext);
        }
        assertEquals(List.of("lo"), links);
        ext.close();
        assertFalse(Files.exists(ext.netnsPath()));
    }

    @Test
    void badNamesAreRefused() {
        ExecResult refused = Exec.run(LabScript.command("host", "../etc"), Map.of(), Exec.DEFAULT_TIMEOUT);
        assertFalse(refused.ok());
        assertTrue(refused.stderr().contains("bad name"), refused.describe());
        assertThrows(IllegalStateException.class, () -> LabScript.run("frobnicate"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
