package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the full chain's DEL (or GC) of a pod must leave on the sandbox host: nothing of the pod. */
final class FullChainLeftovers {
    private FullChainLeftovers() {
    }

    /**
     * No pod veth (the external network's {@code ext0} stays), no ifb, no shaping qdisc, no address
     * reserved, no nat or filter rule naming either pod address, no portmap pod chain, no tuning backup.
     */
    static void assertNone(SandboxHost host, BridgeConflist net, Path dir, AddResult added) {
        assertNone(host, net, dir, added, true);
    }

    /**
     * As {@link #assertNone(SandboxHost, BridgeConflist, Path, AddResult)}; unless {@code stateful},
     * the nat rules and tuning backups are left out (what the reference removes only while it can
     * still read the pod's netns).
     */
    static void assertNone(SandboxHost host, BridgeConflist net, Path dir, AddResult added, boolean stateful) {
        assertEquals(List.of(), Inspect.links(host, "veth").stream()
                .filter(l -> !l.equals(ExternalNetwork.HOST_INTERFACE)).toList(), "pod veths");
        assertEquals(List.of(), Inspect.links(host, "ifb"), "ifb devices");
        assertEquals(List.of(), TcSnapshot.shapingQdiscs(host), "shaping qdiscs");
        assertEquals(List.of(), Inspect.reservations(net.reservations()), "host-local reservations");
        String filter = FirewallE2eTest.filterRules(host);
        for (boolean ipv6 : List.of(false, true)) {
            String ip = added.ip(ipv6);
            assertFalse(filter.contains(ip + "/"), filter);
            if (stateful) {
                assertFalse(Inspect.natRulesMention(host, ip), Inspect.natRules(host));
            }
        }
        if (stateful) {
            PortmapE2eTest.assertNoPodRules(host);
        }
        if (stateful) {
            assertEquals(List.of(), files(FullChainConflist.tuningDirectory(dir)), "tuning backups");
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
