package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained release ({@code scripts/release.sh}) on a node without a JDK: the bundle is
 * built from the reactor's jars, unpacked, installed and used in a private mount namespace where
 * {@code /usr/lib/jvm} is an empty tmpfs (no JDK anywhere, {@code java} on PATH dangling), with
 * {@code JAVA_HOME} unset. Its plugins then serve cnitool one-shot and through the bundle's own
 * {@code jcni daemon}, and containerd's CRI. Runs once (the pom leaves it out of the daemon-mode
 * execution): it starts its own daemon, so the shared one of {@link DaemonSession} serves none of
 * its calls.
 */
class ReleaseBundleE2eTest {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern TARBALL = Pattern.compile("release\\.sh: (\\S+\\.tar\\.gz)");
    private static final Pattern CALLS = Pattern.compile("(?m)^calls: (\\d+),");

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    @Test
    void theBundleInstallsAndItsPluginsRunWithoutAJdkOneShotAndThroughItsDaemon() throws IOException {
        ExecResult release = Exec.run(List.of(ProjectPaths.repository().resolve("scripts/release.sh").toString(),
                "--no-build", "--out", work.resolve("release").toString()), Map.of(), INSTALL_TIMEOUT).orFail();
        Matcher tarball = TARBALL.matcher(release.stdout());
        assertTrue(tarball.find(), release.describe());
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        Exec.run("tar", "-C", unpacked.toString(), "-xzf", tarball.group(1)).orFail();
        Path bundle;
        try (Stream<Path> dirs = Files.list(unpacked)) {
            bundle = dirs.findFirst().orElseThrow();
        }
        assertTrue(bundle.getFileName().toString().matches("jcni-.+-linux-.+"), bundle.toString());
        assertFalse(Files.exists(bundle.resolve("runtime/bin/javac")), "the runtime is not a JDK");

        assertFalse(withoutJdk(List.of("java", "-version"), Map.of()).ok(), "a java runs without the JDK");
        Path bin = work.resolve("node/bin");
        Path lib = work.resolve("node/lib");
        Path socket = work.resolve("node/run/jcni.sock");
        withoutJdk(List.of(bundle.resolve("install.sh").toString(), "--bin-dir", bin.toString(), "--lib-dir", lib.toString(),
                "--cli-dir", work.resolve("node/cli").toString(), "--socket", socket.toString()), Map.of()).orFail();
        // the bundle may go: the install holds its own copy of the runtime
        Exec.run("rm", "-rf", unpacked.toString()).orFail();
        assertEquals(lib.resolve("runtime").toString(), Files.readString(lib.resolve("java-home")).strip());
        for (Path file : List.of(lib.resolve("launchers/bridge"), lib.resolve("bin/jcni"), lib.resolve("jvm.args"),
                lib.resolve("manager.args"))) {
            String text = Files.readString(file);
            assertFalse(text.contains("/usr/lib/jvm") || text.contains(System.getProperty("java.home")), file + ": " + text);
        }
        assertTrue(Files.readString(lib.resolve("launchers/bridge")).contains(lib.resolve("runtime/bin/java").toString()));
        assertTrue(Files.size(lib.resolve("jcni.aot")) > 0, "AOT cache trained with the bundled runtime");

        SandboxHost host = lab.host();
        NetnsPod pod = lab.netnsPod();
        BridgeConflist net = new BridgeConflist("1.0.0", work.resolve("ipam"))
                .option("isGateway", true).option("ipMasq", true).subnet("10.23.0.0/24");
        Path netconf = Files.createDirectories(work.resolve("net.d"));
        Files.writeString(netconf.resolve(net.name() + ".conflist"), net.toString());
        Map<String, String> cni = Map.of("NETCONFPATH", netconf.toString(), "CNI_PATH", bin.toString(),
                "CNI_CACHEDIR", work.resolve("cache").toString(), "CNI_CONTAINERID", pod.name(), "CNI_IFNAME", "eth0");

        addPingDel(host, pod, net, cni);

        Path jcni = work.resolve("node/cli/jcni");
        withoutJdk(List.of(jcni.toString(), "daemon", "start", "--socket", socket.toString()), Map.of()).orFail();
        try {
            long before = callsServed(jcni, socket);
            addPingDel(host, pod, net, cni);
            assertTrue(callsServed(jcni, socket) > before, "the bundle's daemon served the calls");
        } finally {
            withoutJdk(List.of(jcni.toString(), "daemon", "stop", "--socket", socket.toString()), Map.of()).orFail();
        }

        // the kubelet's path: containerd's CRI runs the installed plugins (containerd itself needs
        // the machine's mount namespace; the plugins' launchers name only the installed runtime)
        try (CriLab cri = CriLab.start(new PluginSet("bundle", List.of(bin)), CriConflist.of(work.resolve("cri-net")),
                work.resolve("cri"))) {
            String id = cri.runp(new CriPod("bundle").hostPort("TCP", PortmapConflist.TCP_HOST_PORT, PortmapConflist.TCP_POD_PORT));
            cri.node().ping(cri.addresses(id).get(0)).orFail();
            cri.stopp(id).orFail();
            cri.rmp(id).orFail();
            assertEquals(List.of(), cri.calls().stream().filter(c -> c.exitCode() != 0).toList());
            assertTrue(cri.calls().stream().anyMatch(c -> c.plugin().equals("bandwidth")), cri.calls().toString());
        }
    }

    private void addPingDel(SandboxHost host, NetnsPod pod, BridgeConflist net, Map<String, String> cni) {
        AddResult added = new AddResult(Json.parse(cnitool(host, "add", net, pod, cni).stdout()));
        assertTrue(added.ip(false).startsWith("10.23.0."), added.json().toString());
        host.ping(added.ip(false)).orFail();
        cnitool(host, "del", net, pod, cni);
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
        assertFalse(Inspect.natRulesMention(host, added.ip(false)), Inspect.natRules(host));
    }

    private static ExecResult cnitool(SandboxHost host, String verb, BridgeConflist net, NetnsPod pod, Map<String, String> env) {
        return withoutJdk(host.inside(CniToolBinary.path().toString(), verb, net.name(), pod.netnsPath().toString()), env)
                .orFail();
    }

    private static long callsServed(Path jcni, Path socket) {
        ExecResult status = withoutJdk(List.of(jcni.toString(), "daemon", "status", "--socket", socket.toString()), Map.of())
                .orFail();
        Matcher m = CALLS.matcher(status.stdout());
        assertTrue(m.find(), status.describe());
        return Long.parseLong(m.group(1));
    }

    /**
     * Runs {@code command} as on a node without a JDK: in a private mount namespace with an empty
     * tmpfs over {@code /usr/lib/jvm}, without {@code JAVA_HOME}, with a plain PATH.
     */
    private static ExecResult withoutJdk(List<String> command, Map<String, String> env) {
        List<String> full = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "env", "-u", "JAVA_HOME", "-u", "JCNI_JAVA_HOME", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "sh", "-c", "mount -t tmpfs -o size=1m jcni-no-jdk /usr/lib/jvm && exec \"$@\"", "sh"));
        full.addAll(command);
        return Exec.run(full, env, INSTALL_TIMEOUT);
    }
}
