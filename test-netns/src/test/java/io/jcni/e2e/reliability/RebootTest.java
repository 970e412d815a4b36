package io.jcni.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcni.e2e.AddResult;
import io.jcni.e2e.Inspect;
import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import io.jcni.e2e.PluginSet;
import io.jcni.e2e.SandboxHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node reboots: every pod namespace and the host's kernel state are gone, the IPAM store on disk
 * is kept. The runtime brings some pods back with their old container IDs (their ADD works and
 * gets the pod's old addresses), then GCs with those as the live attachments: every stale
 * reservation goes. Pods: 6 (short), 50 (long); half come back.
 */
class RebootTest {
    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path dir;

    @Test
    void afterARebootAddWithTheSameIdsWorksAndGcReleasesTheRest() throws Exception {
        int pods = Scale.count("reboot", 6, 50);
        Path dataDir = dir.resolve("ipam");
        SandboxHost before = lab.host();
        Chain chain = new Chain(PluginSet.jcni(), before, Crowd.bridgeConflist("1.1.0", dataDir));
        Map<String, AddResult> old = new HashMap<>();
        List<NetnsPod> oldPods = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            NetnsPod pod = lab.netnsPod();
            oldPods.add(pod);
            Chain.Outcome add = chain.add("boot-" + i, "eth0", pod.netnsPath());
            assertTrue(add.ok(), add.last().describe());
            old.put("boot-" + i, new AddResult(add.result()));
        }

        // The reboot: namespaces and kernel state gone, the store kept.
        oldPods.forEach(NetnsPod::close);
        before.close();
        SandboxHost after = lab.host();
        Chain rebooted = new Chain(PluginSet.jcni(), after, Crowd.bridgeConflist("1.1.0", dataDir));
        Map<String, String> live = new HashMap<>();
        Map<String, String> expected = new HashMap<>();
        List<NetnsPod> back = new ArrayList<>();
        for (int i = 0; i < pods; i += 2) {
            String id = "boot-" + i;
            NetnsPod pod = lab.netnsPod();
            back.add(pod);
            Chain.Outcome add = rebooted.add(id, "eth0", pod.netnsPath());
            assertTrue(add.ok(), "ADD of " + id + " after the reboot: " + add.last().describe());
            AddResult r = new AddResult(add.result());
            assertEquals(old.get(id).address(false), r.address(false), id + " keeps its IPv4 address");
            assertEquals(old.get(id).address(true), r.address(true), id + " keeps its IPv6 address");
            assertTrue(pod.ping(r.gateway(false)).ok(), id + " reaches its gateway");
            live.put(id, "eth0");
            expected.put(r.ip(false), id);
            expected.put(r.ip(true), id);
        }
        assertEquals(2 * pods, Inspect.reservations(dataDir.resolve(Crowd.NETWORK)).size(),
                "before GC the store still holds the pods that did not come back");

        Chain.Outcome gc = rebooted.gc(live);
        assertTrue(gc.ok(), gc.last().describe());
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(Inspect.reservations(dataDir.resolve(Crowd.NETWORK))),
                "after GC: exactly the pods that came back");

        for (int i = 0, j = 0; i < pods; i += 2, j++) {
            String id = "boot-" + i;
            Chain.Outcome del = rebooted.del(id, "eth0", back.get(j).netnsPath(), null);
            assertTrue(del.ok(), del.last().describe());
        }
        assertEquals(List.of(), Inspect.reservations(dataDir.resolve(Crowd.NETWORK)));
        assertEquals(List.of(), Inspect.links(after, "veth"));
        for (AddResult r : old.values()) {
            assertFalse(Inspect.natRulesMention(after, r.ip(false)), Inspect.natRules(after));
        }
        Figures.record("reboot " + PluginSet.jcni(), pods + " pods before the reboot, " + live.size()
                + " back with their IDs and addresses, " + (pods - live.size()) + " released by GC; leaks: none");
    }
}
