package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet's code path: containerd's CRI plugin ({@link CriLab}) runs {@code loopback} and the
 * {@link CriConflist} chain (bridge, portmap, firewall, tuning, bandwidth) of a {@link PluginSet} for pod sandboxes
 * the {@code cri} client asks for, with the CNI_ARGS and capability args (portMappings from
 * hostPorts, bandwidth from annotations, dns) containerd derives from the pod. After every case
 * nothing of the pods is left on the node; {@link CriLab#close()} checks containerd's side too.
 */
abstract class CriE2eTest {
    static final String INGRESS = "kubernetes.io/ingress-bandwidth";
    static final String EGRESS = "kubernetes.io/egress-bandwidth";
    private static final int CONCURRENT_PODS = 30;

    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    CriE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    private CriLab start() {
        return start(conflist());
    }

    private CriLab start(BridgeConflist conflist) {
        return lab.keep(CriLab.start(plugins, conflist, work.resolve("cri")));
    }

    private BridgeConflist conflist() {
        return CriConflist.of(work);
    }

    @Test
    void aDualStackPodWithHostPortBandwidthAndDnsIsReachedShapedAndStopStopRemoveLeavesNothing() throws IOException {
        CriLab cri = start();
        ExternalNetwork ext = lab.keep(ExternalNetwork.create(cri.node().name()));
        CriPod pod = new CriPod("web").hostPort("TCP", PortmapConflist.TCP_HOST_PORT, PortmapConflist.TCP_POD_PORT)
                .annotation(INGRESS, "1M").annotation(EGRESS, "2M")
                .dns("10.96.0.10", "default.svc.cluster.local", "ndots:5");
        String id = runp(cri, pod);
        CriLab.Sandbox sandbox = cri.sandbox(id);

        assertEquals("SANDBOX_READY", cri.inspect(id).path("status").path("state").asText());
        List<String> ips = cri.addresses(id);
        assertEquals(2, ips.size(), ips.toString());
        assertTrue(ips.get(0).startsWith("10.23.0."), ips.toString());
        assertTrue(ips.get(1).startsWith("fd00:23::"), ips.toString());
        List<String> inPod = Inspect.addresses(sandbox, "eth0");
        assertEquals(List.of(ips.get(0) + "/24", ips.get(1) + "/64"), inPod);
        assertEquals(CriConflist.POD_MTU, Inspect.link(sandbox, "eth0").path("mtu").asInt());
        String filter = FirewallE2eTest.filterRules(cri.node());
        assertTrue(filter.contains("-s " + ips.get(0) + "/32 -j ACCEPT"), filter);
        for (String ip : ips) {
            cri.node().ping(ip).orFail();
        }
        try (TcpServer server = TcpServer.start(sandbox, PortmapConflist.TCP_POD_PORT, "from-outside")) {
            assertEquals("from-outside", server.fetchFrom(ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT));
        }
        try (TcpServer server = TcpServer.start(sandbox, PortmapConflist.TCP_POD_PORT, "from-node")) {
            assertEquals("from-node", server.fetchFrom(cri.node(), CriConflist.GATEWAY4, PortmapConflist.TCP_HOST_PORT));
        }

        // the annotations became the bandwidth capability, and that became tc shaping on the node
        List<String> veths = podVeths(cri);
        assertEquals(1, veths.size(), veths.toString());
        String ingress = cri.node().exec("tc", "qdisc", "show", "dev", veths.get(0)).orFail().stdout();
        assertTrue(ingress.contains("qdisc tbf") && ingress.contains("rate 1Mbit"), ingress);
        List<String> ifbs = Inspect.links(cri.node(), "ifb");
        assertEquals(1, ifbs.size(), ifbs.toString());
        String egress = cri.node().exec("tc", "qdisc", "show", "dev", ifbs.get(0)).orFail().stdout();
        assertTrue(egress.contains("qdisc tbf") && egress.contains("rate 2Mbit"), egress);

        // the DNS config: in the sandbox's resolv.conf, and as runtimeConfig.dns of the bridge
        String resolv = cri.resolvConf(id);
        assertTrue(resolv.contains("nameserver 10.96.0.10") && resolv.contains("search default.svc.cluster.local")
                && resolv.contains("options ndots:5"), resolv);
        CniCall bridgeAdd = cri.calls().stream().filter(c -> c.plugin().equals("bridge") && c.command().equals("ADD"))
                .findFirst().orElseThrow();
        // (go-cni's DNS struct has no JSON tags: containerd 1.6 sends the Go field names)
        assertEquals(Json.parse("{\"Servers\":[\"10.96.0.10\"],\"Searches\":[\"default.svc.cluster.local\"],"
                + "\"Options\":[\"ndots:5\"]}"), bridgeAdd.runtimeConfig().path("dns"), bridgeAdd.stdin().toString());
        assertTrue(bridgeAdd.env().get("CNI_ARGS").contains("K8S_POD_NAME=web"), bridgeAdd.env().toString());

        cri.stopp(id).orFail();
        cri.stopp(id).orFail();
        cri.rmp(id).orFail();

        List<CniCall> dels = cri.calls().stream().filter(c -> c.command().equals("DEL")).toList();
        // StopPodSandbox's DEL has the netns; the second Stop and the Remove repeat it without one
        assertFalse(dels.get(0).withoutNetns(), dels.toString());
        assertTrue(dels.stream().anyMatch(CniCall::withoutNetns), dels.toString());
        assertEquals(List.of(), cri.pods());
        assertNothingLeft(cri, List.of(sandbox), ips);
    }

    @Test
    void aPodWhosePauseProcessDiedIsStoppedAndRemovedCleanly() throws Exception {
        CriLab cri = start();
        String id = runp(cri, new CriPod("orphan").hostPort("TCP", PortmapConflist.TCP_HOST_PORT, PortmapConflist.TCP_POD_PORT)
                .annotation(INGRESS, "1M"));
        CriLab.Sandbox sandbox = cri.sandbox(id);
        List<String> ips = cri.addresses(id);

        ProcessHandle pause = ProcessHandle.of(sandbox.pid()).orElseThrow();
        Exec.run("kill", "-KILL", Long.toString(sandbox.pid())).orFail();
        pause.onExit().get(10, TimeUnit.SECONDS);

        cri.stopp(id).orFail();
        cri.rmp(id).orFail();
        // containerd holds the pod's netns mounted: the first DEL still gets its path
        List<CniCall> dels = cri.calls().stream().filter(c -> c.command().equals("DEL")).toList();
        assertFalse(dels.get(0).withoutNetns(), dels.toString());
        assertEquals(List.of(), cri.pods());
        assertNothingLeft(cri, List.of(sandbox), ips);
    }

    @Test
    void podsSurviveAContainerdCrashAndAreCleanedUpAfterItsRestart() throws IOException {
        CriLab cri = start();
        List<String> ids = List.of(runp(cri, new CriPod("crash-a").hostPort("TCP", 8080, 80)),
                runp(cri, new CriPod("crash-b").annotation(EGRESS, "2M")));
        List<CriLab.Sandbox> sandboxes = ids.stream().map(cri::sandbox).toList();
        List<String> ips = new ArrayList<>();
        ids.forEach(id -> ips.addAll(cri.addresses(id)));

        cri.killContainerd();
        assertFalse(cri.answers(), "containerd still answers after SIGKILL");
        cri.restartContainerd();

        assertEquals(new HashSet<>(ids), new HashSet<>(cri.pods()));
        for (String id : ids) {
            assertEquals("SANDBOX_READY", cri.inspect(id).path("status").path("state").asText(), id);
        }
        cri.node().ping(ips.get(0)).orFail();
        for (String id : ids) {
            cri.stopp(id).orFail();
            cri.rmp(id).orFail();
        }
        assertEquals(List.of(), cri.pods());
        assertNothingLeft(cri, sandboxes, ips);
    }

    @Test
    void thirtyPodsStartedConcurrentlyGetDistinctAddressesAndLeaveNothing() throws Exception {
        // bridge and portmap only: every plugin in the chain is one more JVM per call in one-shot
        // mode, 30 pods times ADD and two DELs each; the other cases cover bandwidth
        CriLab cri = start(PortmapConflist.of("1.0.0", work.resolve("ipam"), Map.of()));
        List<CriLab.Sandbox> primers = new ArrayList<>();
        List<String> primerIps = new ArrayList<>();
        if (racesCreatingItsSharedChains()) {
            String primer = runp(cri, new CriPod("primer").hostPort("TCP", 9999, 80));
            primers.add(cri.sandbox(primer));
            primerIps.addAll(cri.addresses(primer));
            cri.stopp(primer).orFail();
            cri.rmp(primer).orFail();
        }
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_PODS)) {
            List<Future<ExecResult>> runs = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_PODS; i++) {
                CriPod pod = new CriPod("many-" + i).hostPort("TCP", 10000 + i, 80);
                runs.add(pool.submit(() -> cri.tryRunp(pod)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<ExecResult> run : runs) {
                ExecResult r = run.get();
                if (r.ok()) {
                    ids.add(r.stdout().strip());
                } else {
                    failures.add(r.describe());
                }
            }
            assertEquals(List.of(), failures, cri.containerdErrors());
        }
        List<CriLab.Sandbox> sandboxes = ids.stream().map(cri::sandbox).toList();
        List<String> ips = new ArrayList<>();
        ids.forEach(id -> ips.addAll(cri.addresses(id)));
        assertEquals(2 * CONCURRENT_PODS, new HashSet<>(ips).size(), ips.toString());
        assertEquals(CONCURRENT_PODS, podVeths(cri).size());
        cri.node().ping(ips.get(ips.size() - 2)).orFail();

        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_PODS)) {
            List<Future<String>> removals = new ArrayList<>();
            for (String id : ids) {
                removals.add(pool.submit(() -> {
                    ExecResult stop = cri.stopp(id);
                    ExecResult rm = stop.ok() ? cri.rmp(id) : stop;
                    return rm.ok() ? "" : rm.describe();
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> removal : removals) {
                String failure = removal.get();
                if (!failure.isEmpty()) {
                    failures.add(failure);
                }
            }
            assertEquals(List.of(), failures, cri.containerdErrors());
        }
        assertEquals(List.of(), cri.pods());
        assertNothingLeft(cri, Stream.concat(primers.stream(), sandboxes.stream()).toList(),
                Stream.concat(primerIps.stream(), ips.stream()).toList());
    }

    /**
     * Whether this set's portmap fails when concurrent ADDs are the first to create the node's
     * shared hostPort chains: the reference's checks whether a chain exists, then creates it, in
     * separate iptables runs, so two first pods can both find it missing and the second's create
     * fails with "File exists" (seen in CI with 30 pods on a fresh node). The concurrency test
     * then starts one pod on its own first, as any node that has run a hostPort pod before has.
     */
    boolean racesCreatingItsSharedChains() {
        return false;
    }

    private static String runp(CriLab cri, CriPod pod) {
        ExecResult run = cri.tryRunp(pod);
        if (!run.ok()) {
            throw new AssertionError(run.describe() + "\n--- CNI calls\n" + cri.calls() + "\n--- containerd errors\n"
                    + cri.containerdErrors());
        }
        return run.stdout().strip();
    }

    private static List<String> podVeths(CriLab cri) {
        return Inspect.links(cri.node(), "veth").stream().filter(l -> !l.equals(ExternalNetwork.HOST_INTERFACE)).toList();
    }

    /**
     * Nothing of the pods on the node (veths, ifbs, shaping, reservations, NAT and hostPort rules),
     * no pod netns, pause process or libcni cache entry, and every plugin call succeeded.
     */
    private void assertNothingLeft(CriLab cri, List<CriLab.Sandbox> sandboxes, List<String> ips) throws IOException {
        CriLab.Node node = cri.node();
        assertEquals(List.of(), podVeths(cri), "pod veths");
        assertEquals(List.of(), Inspect.links(node, "ifb"), "ifb devices");
        assertEquals(List.of(), TcSnapshot.shapingQdiscs(node), "shaping qdiscs");
        assertEquals(List.of(), Inspect.reservations(conflist().reservations()), "host-local reservations");
        String filter = FirewallE2eTest.filterRules(node);
        for (String ip : ips) {
            assertFalse(Inspect.natRulesMention(node, ip), Inspect.natRules(node));
            assertFalse(filter.contains(ip + "/"), filter);
        }
        Path tuning = CriConflist.tuningDirectory(work);
        assertEquals(List.of(), Files.isDirectory(tuning) ? ContainerdE2eTest.filesUnder(tuning) : List.of(), "tuning backups");
        String nat = Inspect.natRules(node);
        assertFalse(nat.contains("CNI-DN-"), nat);
        assertFalse(node.exec("nft", "list", "ruleset").orFail().stdout().contains("dnat"), "nft dnat rules");
        assertEquals(List.of(), cri.podNamespaces(), "pod network namespaces");
        for (CriLab.Sandbox sandbox : sandboxes) {
            assertFalse(ProcessHandle.of(sandbox.pid()).map(ProcessHandle::isAlive).orElse(false), "pause " + sandbox);
            assertEquals(List.of(), libcniCache(sandbox.id()), "libcni cache of " + sandbox.id());
        }
        List<CniCall> failed = cri.calls().stream().filter(c -> c.exitCode() != 0).toList();
        assertEquals(List.of(), failed);
    }

    /** libcni's result cache entries of a sandbox ({@code /var/lib/cni/results/NET-ID-IF}). */
    private static List<String> libcniCache(String id) {
        Path results = Path.of("/var/lib/cni/results");
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (var files = Files.list(results)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(id)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
