package io.jcni.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcni.e2e.Exec;
import io.jcni.e2e.Json;
import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import io.jcni.e2e.PluginSet;
import io.jcni.e2e.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IPAM store on a full filesystem (a 256 KiB tmpfs on a temporary directory, unmounted at
 * the end): ADD fails with code 5 naming the store, writes nothing half (no empty or partial
 * reservation, no temporary file) and leaves no veth; once there is room again, ADD works.
 */
class FullStoreTest {
    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path dir;

    @Test
    void addOnAFullStoreIsCode5AndLeavesNothingHalfWritten() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tmpfs"));
        Exec.run("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "jt-full", mount.toString()).orFail();
        lab.keep(() -> Exec.run("umount", mount.toString()).orFail());
        SandboxHost host = lab.host();
        Chain chain = new Chain(PluginSet.jcni(), host, Crowd.bridgeConflist("1.0.0", mount));
        NetnsPod first = lab.netnsPod();
        Chain.Outcome added = chain.add("full-1", "eth0", first.netnsPath());
        assertTrue(added.ok(), added.last().describe());

        // Fill every page the tmpfs has left.
        Exec.run("dd", "if=/dev/zero", "of=" + mount.resolve("filler"), "bs=4k");
        HostState before = HostState.of(host, mount);
        NetnsPod second = lab.netnsPod();
        HostState podBefore = HostState.of(second);
        Chain.Outcome refused = chain.add("full-2", "eth0", second.netnsPath());
        assertEquals(1, refused.last().exitCode(), refused.last().describe());
        var error = Json.parse(refused.last().stdout());
        assertEquals(5, error.path("code").asInt(), refused.last().describe());
        assertTrue(error.path("msg").asText().contains("host-local store"), error.path("msg").asText());
        HostState after = HostState.of(host, mount);
        assertEquals(before, after, "nothing half-written, no veth left:\n" + after.diff(before));
        assertEquals(podBefore, HostState.of(second), "the pod is as before");

        Files.delete(mount.resolve("filler"));
        Chain.Outcome retried = chain.add("full-2", "eth0", second.netnsPath());
        assertTrue(retried.ok(), "with room again: " + retried.last().describe());
        for (var pod : List.of(new Attached("full-1", first, added.result()), new Attached("full-2", second, retried.result()))) {
            Chain.Outcome del = chain.del(pod.containerId(), "eth0", pod.pod().netnsPath(), pod.result());
            assertTrue(del.ok(), del.last().describe());
        }
        assertEquals("/\njt-rel/\njt-rel/last_reserved_ip.0\njt-rel/last_reserved_ip.1\njt-rel/lock = ",
                HostState.files(mount));
    }
}
