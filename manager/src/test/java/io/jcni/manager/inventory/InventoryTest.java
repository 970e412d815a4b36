package io.jcni.manager.inventory;

import io.jcni.conf.result.IpText;
import io.jcni.manager.cleanup.GarbageCollector;
import io.jcni.manager.cleanup.GcReport;
import io.jcni.manager.cleanup.Removal;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inventory against the real kernel: a scratch "host" with a bridge, one pod wired as jcni
 * does (alias on the host veth), one as the reference does (no alias, found through its address's
 * reservation), and one reservation whose pod is gone.
 */
class InventoryTest {
    private static final String NETWORK = "invnet";

    @TempDir
    Path dir;
    private ScratchNamespace host;
    private ScratchNamespace podA;
    private ScratchNamespace podB;
    private Path store;

    @BeforeEach
    void wire() throws IOException {
        host = ScratchNamespace.create("inv-host");
        podA = ScratchNamespace.create("inv-pod");
        podB = ScratchNamespace.create("inv-pod");
        host.exec("ip", "link", "add", "br-inv", "type", "bridge");
        host.exec("ip", "addr", "add", "10.9.0.1/24", "dev", "br-inv");
        host.exec("ip", "link", "set", "br-inv", "up");
        pod(podA, "vethaaaa0001", "10.9.0.2/24");
        host.exec("ip", "link", "set", "vethaaaa0001", "alias", "jcni:" + NETWORK + ":cid-a:eth0");
        pod(podB, "vethbbbb0002", "10.9.0.3/24");
        Path conf = Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(conf.resolve("10-inv.conflist"), """
                {"cniVersion": "1.0.0", "name": "%s", "plugins": [{"type": "bridge", "bridge": "br-inv",
                 "ipam": {"type": "host-local", "dataDir": "%s", "ranges": [[{"subnet": "10.9.0.0/24"}]]}}]}
                """.formatted(NETWORK, dir.resolve("ipam")));
        store = Files.createDirectories(dir.resolve("ipam").resolve(NETWORK));
        Files.writeString(store.resolve("lock"), ""); // every ADD leaves it; gc --dry-run must not be the one to make it
        Files.writeString(store.resolve("10.9.0.2"), "cid-a\r\neth0");
        Files.writeString(store.resolve("10.9.0.3"), "cid-b\r\neth0");
        Files.writeString(store.resolve("10.9.0.9"), "cid-gone\r\neth0");
    }

    private void pod(ScratchNamespace pod, String hostVeth, String address) {
        host.exec("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", pod.name());
        host.exec("ip", "link", "set", hostVeth, "master", "br-inv", "up");
        pod.exec("ip", "addr", "add", address, "dev", "eth0");
        pod.exec("ip", "link", "set", "eth0", "up");
    }

    @AfterEach
    void remove() {
        for (ScratchNamespace ns : new ScratchNamespace[]{podA, podB, host}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private Inventory.Scope scope() {
        return new Inventory.Scope(Optional.of(host.path()), ConfDir.read(dir.resolve("net.d")), dir.resolve("cache"), Map.of());
    }

    @Test
    void findsBothPodsTheirNamespacesAndTheLeakedReservation() {
        Inventory inv = Inventory.take(scope());

        Attachment a = inv.find(new AttachmentKey(NETWORK, "cid-a", "eth0")).orElseThrow();
        assertEquals(Maker.JCNI, a.maker());
        assertEquals(Optional.of("br-inv"), a.bridge());
        assertEquals("vethaaaa0001", a.hostVeth().orElseThrow().name());
        assertEquals(podA.path(), a.pod().orElseThrow().netns());
        assertEquals("[10.9.0.2/24]", a.pod().get().addresses().toString());
        assertEquals(List.of(IpText.parse("10.9.0.2")), a.reservations());

        Attachment b = inv.find(new AttachmentKey(NETWORK, "cid-b", "eth0")).orElseThrow();
        assertEquals(Maker.REFERENCE, b.maker(), "no alias: found through the reservation of its address");
        assertEquals(podB.path(), b.pod().orElseThrow().netns());

        Attachment gone = inv.find(new AttachmentKey(NETWORK, "cid-gone", "eth0")).orElseThrow();
        assertTrue(gone.hostVeth().isEmpty() && gone.pod().isEmpty());
        assertEquals(3, inv.attachments().size());

        assertEquals(List.of(new Problem(gone.key(), ProblemKind.RESERVED_WITHOUT_INTERFACE, "10.9.0.9")), HealthCheck.of(inv));
        BridgeView br = inv.bridges().stream().filter(x -> x.link().name().equals("br-inv")).findFirst().orElseThrow();
        assertEquals(List.of(NETWORK), br.networks());
        assertEquals(2, br.attachments().size());
        assertEquals("[10.9.0.1/24]", br.addresses().toString());
    }

    @Test
    void aDeletedVethAndAnEmptiedStoreAreReported() throws IOException {
        host.exec("ip", "link", "del", "vethaaaa0001");
        Files.delete(store.resolve("10.9.0.3"));

        List<Problem> problems = HealthCheck.of(Inventory.take(scope()));

        assertEquals(Set.of(
                new Problem(new AttachmentKey(NETWORK, "cid-a", "eth0"), ProblemKind.RESERVED_WITHOUT_INTERFACE, "10.9.0.2"),
                // the reference's veth names nobody, and nothing else is left to (no cache here): container unknown
                new Problem(new AttachmentKey(NETWORK, "", "eth0"), ProblemKind.INTERFACE_WITHOUT_RESERVATION,
                        "10.9.0.3/24 not in " + store),
                new Problem(new AttachmentKey(NETWORK, "cid-gone", "eth0"), ProblemKind.RESERVED_WITHOUT_INTERFACE, "10.9.0.9")),
                Set.copyOf(problems));
    }

    /**
     * With the netns in the runtime's cache (libcni records it), a deleted veth is told apart from
     * a pod that is gone: the pod stays alive, gc keeps what it holds; a cached netns that no
     * longer exists is reported as vanished.
     */
    @Test
    void aCachedNetnsTellsAMissingVethFromAVanishedPod() throws IOException {
        cache("cid-a", podA.path().toString());
        cache("cid-gone", "/var/run/netns/jt-inv-gone-none");
        host.exec("ip", "link", "del", "vethaaaa0001");

        Inventory inv = Inventory.take(scope());

        AttachmentKey a = new AttachmentKey(NETWORK, "cid-a", "eth0");
        AttachmentKey gone = new AttachmentKey(NETWORK, "cid-gone", "eth0");
        assertEquals(Set.of(
                new Problem(a, ProblemKind.VETH_MISSING, "no veth into " + podA.path()),
                new Problem(a, ProblemKind.RESERVED_WITHOUT_INTERFACE, "10.9.0.2"),
                new Problem(gone, ProblemKind.NETNS_VANISHED, "/var/run/netns/jt-inv-gone-none"),
                new Problem(gone, ProblemKind.RESERVED_WITHOUT_INTERFACE, "10.9.0.9")), Set.copyOf(HealthCheck.of(inv)));
        assertTrue(inv.find(a).orElseThrow().alive());
        assertEquals(List.of(new Removal(gone, "reservation", "10.9.0.9 in " + store)),
                new GarbageCollector(scope(), Set.of(), s -> { }).run(false).removed());
        assertTrue(Files.exists(store.resolve("10.9.0.2")), "the pod whose veth is missing is alive: its address stays");
    }

    private void cache(String containerId, String netns) throws IOException {
        Path results = Files.createDirectories(dir.resolve("cache/results"));
        Files.writeString(results.resolve(NETWORK + "-" + containerId + "-eth0"), """
                {"kind": "cniCacheV1", "containerId": "%s", "ifName": "eth0", "networkName": "%s", "netns": "%s",
                 "result": {"cniVersion": "1.0.0"}}
                """.formatted(containerId, NETWORK, netns));
    }

    @Test
    void twoPodsThatNothingNamesStayTwoAttachments() throws IOException {
        try (ScratchNamespace podC = ScratchNamespace.create("inv-pod")) {
            pod(podC, "vethcccc0003", "10.9.0.4/24");
            Files.delete(store.resolve("10.9.0.3"));

            Inventory inv = Inventory.take(scope());

            List<Attachment> unnamed = inv.attachments().stream().filter(a -> a.key().containerId().isEmpty()).toList();
            assertEquals(Set.of("vethbbbb0002", "vethcccc0003"),
                    Set.copyOf(unnamed.stream().map(a -> a.hostVeth().orElseThrow().name()).toList()));
            assertEquals(Set.of(podB.path(), podC.path()), Set.copyOf(unnamed.stream().map(a -> a.pod().orElseThrow().netns()).toList()));
        }
    }

    @Test
    void gcReleasesOnlyTheLeakedReservationAndDryRunChangesNothing() throws IOException {
        GarbageCollector gc = new GarbageCollector(scope(), Set.of(), step -> { });
        List<String> before = files();

        GcReport dry = gc.run(true);
        assertEquals(List.of(new Removal(new AttachmentKey(NETWORK, "cid-gone", "eth0"), "reservation", "10.9.0.9 in " + store)),
                dry.removed());
        assertEquals(before, files());

        GcReport real = gc.run(false);
        assertEquals(dry.removed(), real.removed());
        assertTrue(real.clean(), real.toString());
        assertEquals(List.of("10.9.0.2", "10.9.0.3"), files().stream().filter(f -> f.startsWith("10.")).toList());
        assertTrue(HealthCheck.of(Inventory.take(scope())).isEmpty());
    }

    @Test
    void theValidListKeepsAnAttachmentWhosePodIsGone() {
        GarbageCollector gc = new GarbageCollector(scope(), Set.of(new io.jcni.conf.ValidAttachment("cid-gone", "eth0")), s -> { });
        assertEquals(List.of(), gc.run(false).removed());
        assertTrue(Files.exists(store.resolve("10.9.0.9")));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
