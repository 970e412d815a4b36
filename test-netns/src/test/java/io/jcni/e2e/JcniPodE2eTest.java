package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jcni pod}, the seed's pod by hand, in a sandbox host with an external network: containers
 * (execs) of one pod share its localhost, IPC namespace and hostname; pods reach each other over
 * the bridge and the outside through masquerade; {@code rm} leaves nothing, also after the pause
 * process was killed; a failed create leaves nothing either.
 */
class JcniPodE2eTest {
    private static final int PORT = 7000;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    /** Pod names unique to this test run: pause processes are told apart by the name in their argv. */
    private final String suffix = Names.unique("p").substring("jt-p-".length());
    private final String web = "web-" + suffix;
    private final String db = "db-" + suffix;
    private final String lonely = "lonely-" + suffix;

    private SandboxHost host;
    private ExternalNetwork external;
    private JcniCli jcni;
    private BridgeConflist conflist;

    private void setUp(BridgeConflist network) throws IOException {
        host = lab.host();
        external = lab.external(host);
        conflist = network;
        Files.createDirectories(work.resolve("net.d"));
        Files.writeString(work.resolve("net.d").resolve(conflist.name() + ".conflist"), conflist.toString());
        jcni = new JcniCli(host, work.resolve("net.d"), work.resolve("cache"));
        lab.keep(this::removeLeftoverPods);
    }

    private BridgeConflist masqueradedNetwork() {
        return new BridgeConflist("1.0.0", work.resolve("ipam")).option("isGateway", true)
                .option("isDefaultGateway", true).option("ipMasq", true).subnet("10.31.0.0/24");
    }

    private String state() {
        return work.resolve("pods").toString();
    }

    private JsonNode create(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("pod", "create", name, "--state-dir", state(), "-o", "json"));
        args.addAll(List.of(options));
        return Json.parse(jcni.run(args.toArray(String[]::new)).orFail().stdout());
    }

    private ExecResult exec(String pod, String... command) {
        List<String> args = new ArrayList<>(List.of("pod", "exec", "--state-dir", state(), pod, "--"));
        args.addAll(List.of(command));
        return jcni.run(args.toArray(String[]::new));
    }

    private Netns netns(String pod) {
        return () -> work.resolve("pods").resolve(pod).resolve("netns");
    }

    /** The shmids {@code ipcs -m} lists inside the pod. */
    private List<String> sharedMemoryIds(String pod) {
        return exec(pod, "sh", "-c", "ipcs -m | awk 'NR > 3 && NF { print $2 }'").orFail().stdout().lines().toList();
    }

    private static String ipv4(JsonNode pod) {
        String a = pod.path("addresses").get(0).asText();
        return a.substring(0, a.indexOf('/'));
    }

    @Test
    void containersShareThePodAndPodsReachEachOtherAndTheOutside() throws Exception {
        setUp(masqueradedNetwork());
        JsonNode webPod = create(web);
        JsonNode dbPod = create(db, "--pid");
        assertEquals(List.of("net", "ipc", "uts"), strings(webPod.path("namespaces")));
        assertEquals(List.of("net", "ipc", "uts", "pid"), strings(dbPod.path("namespaces")));
        assertTrue(ipv4(webPod).startsWith("10.31.0."), webPod.toString());

        // One container listens on the pod's 127.0.0.1, another one of the same pod reaches it.
        Path text = work.resolve("hello.txt");
        Files.writeString(text, "hello from web\n");
        Process server = new ProcessBuilder(jcni.inside("pod", "exec", "--state-dir", state(), web, "--",
                "busybox", "nc", "-l", "-p", Integer.toString(PORT)))
                .redirectInput(text.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Once it listens, the other pod (a localhost of its own) cannot reach it; a container of web can.
            exec(web, "sh", "-c", "for i in $(seq 100); do busybox netstat -ltn | grep -q ':" + PORT
                    + " ' && exit 0; sleep 0.1; done; exit 1").orFail();
            assertNotEquals(0, exec(db, "busybox", "nc", "-w", "1", "127.0.0.1", Integer.toString(PORT)).exitCode());
            ExecResult fetched = exec(web, "sh", "-c", "for i in $(seq 50); do out=$(busybox nc -w 2 127.0.0.1 "
                    + PORT + " 2>/dev/null) && [ -n \"$out\" ] && { echo \"$out\"; exit 0; }; sleep 0.2; done; exit 1");
            assertEquals("hello from web", fetched.orFail().stdout().strip());
        } finally {
            Exec.stop(server);
        }

        // IPC: shared memory made by one container is seen by another of the pod, not by another pod.
        String made = exec(web, "ipcmk", "-M", "4096").orFail().stdout();
        String id = made.replaceAll("(?s).*id:\\s*(\\d+).*", "$1");
        assertEquals(List.of(id), sharedMemoryIds(web), made);
        assertEquals(List.of(), sharedMemoryIds(db));

        // Everything after the pod's name is the command, its options included ("--" is optional).
        ExecResult addr = jcni.run("pod", "exec", "--state-dir", state(), web, "ip", "-br", "addr", "show", "eth0").orFail();
        assertTrue(addr.stdout().contains(webPod.path("addresses").get(0).asText()), addr.describe());

        // UTS: the pod's hostname; PID: the db pod's containers share the pause process's PID namespace.
        assertEquals(web, exec(web, "uname", "-n").orFail().stdout().strip());
        assertEquals(Files.readSymbolicLink(Path.of("/proc", dbPod.path("pid").asText(), "ns", "pid")).toString(),
                exec(db, "readlink", "/proc/self/ns/pid").orFail().stdout().strip());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(),
                exec(db, "readlink", "/proc/self/ns/pid").orFail().stdout().strip());

        // The bridge connects the pods; masquerade takes them outside (the external side has no
        // route back to the pod subnet, so an answer proves the source was rewritten).
        exec(web, "ping", "-c", "1", "-W", "5", ipv4(dbPod)).orFail();
        try (TcpServer outside = TcpServer.start(external, 7001, "outside")) {
            assertEquals("outside", outside.fetchFrom(netns(web), ExternalNetwork.IPV4, 7001));
        }

        ExecResult ls = jcni.run("pod", "ls", "--state-dir", state()).orFail();
        assertTrue(ls.stdout().lines().anyMatch(l -> l.matches(web + "\\s+running\\s+\\d+\\s+net,ipc,uts\\s+.*")), ls.stdout());

        jcni.run("pod", "rm", "--state-dir", state(), web, db).orFail();
        assertNothingLeft(List.of(webPod, dbPod));
    }

    @Test
    void rmWorksAfterThePauseProcessWasKilled() throws Exception {
        setUp(masqueradedNetwork());
        JsonNode pod = create(lonely);
        long pid = pod.path("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        waitUntilGone(pid);

        JsonNode listed = Json.parse(jcni.run("pod", "ls", "--state-dir", state(), "-o", "json").orFail().stdout());
        assertEquals("exited", listed.get(0).path("status").asText());
        ExecResult exec = exec(lonely, "true");
        assertEquals(1, exec.exitCode());
        assertTrue(exec.stderr().contains("pause process " + pid), exec.describe());

        jcni.run("pod", "rm", "--state-dir", state(), lonely).orFail();
        assertNothingLeft(List.of(pod));
    }

    @Test
    void aCreateThatFailsLeavesNothing() throws Exception {
        BridgeConflist broken = masqueradedNetwork();
        broken.chain(Json.object().put("type", "no-such-plugin"));
        setUp(broken);

        ExecResult create = jcni.run("pod", "create", web, "--state-dir", state());

        assertEquals(1, create.exitCode(), create.describe());
        assertTrue(create.stderr().contains("failed to find plugin \"no-such-plugin\""), create.describe());
        assertEquals(List.of(), Inspect.links(host, "veth").stream().filter(l -> !l.equals(ExternalNetwork.HOST_INTERFACE)).toList());
        assertEquals(List.of(), Inspect.reservations(conflist.reservations()));
        assertEquals(List.of(), podDirs());
        assertEquals("", mountsUnder(work));
        assertEquals(List.of(), pauseProcesses());
    }

    @Test
    void rmRemovesThePodDirectoryOfACreateKilledHalfWay() throws Exception {
        setUp(masqueradedNetwork());
        Files.createDirectories(work.resolve("pods").resolve(web));
        Files.writeString(work.resolve("pods").resolve(web).resolve("pause.log"), "");

        jcni.run("pod", "rm", "--state-dir", state(), web).orFail();

        assertEquals(List.of(), podDirs());
        assertEquals(1, jcni.run("pod", "rm", "--state-dir", state(), web).exitCode(), "then it is unknown");
    }

    @Test
    void theTableIsAlignedOnATerminal() throws Exception {
        setUp(masqueradedNetwork());
        create(web);
        create(lonely);
        // script(1) gives the command a pseudo-terminal, as a user's shell would.
        String cmd = String.join(" ", jcni.inside("pod", "ls", "--state-dir", state()).stream().map(Shell::quote).toList());
        ExecResult tty = Exec.run(List.of("script", "-qec", cmd, "/dev/null"), jcni.environment(), java.time.Duration.ofSeconds(60)).orFail();
        List<String> lines = tty.stdout().replace("\r", "").lines().toList();
        assertTrue(lines.get(0).startsWith("\u001b[1mNAME"), "bold header on a terminal: " + lines);
        int status = lines.get(1).indexOf("running");
        assertTrue(status > 0, lines.toString());
        assertEquals(status, lines.get(2).indexOf("running"), "columns aligned: " + lines);
        String piped = jcni.run("pod", "ls", "--state-dir", state()).orFail().stdout();
        assertTrue(piped.startsWith("NAME "), "no escape codes into a pipe: " + piped);
        jcni.run("pod", "rm", "--state-dir", state(), web, lonely).orFail();
    }

    private void assertNothingLeft(List<JsonNode> pods) throws IOException {
        assertEquals(List.of(ExternalNetwork.HOST_INTERFACE), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(conflist.reservations()));
        for (JsonNode p : pods) {
            assertFalse(Inspect.natRulesMention(host, ipv4(p)), Inspect.natRules(host));
            assertFalse(Files.exists(Path.of("/proc", p.path("pid").asText(), "ns")) && isPause(p.path("pid").asLong()),
                    "pause process left: " + p);
        }
        assertEquals(List.of(), podDirs());
        Path results = work.resolve("cache/results");
        try (Stream<Path> s = Files.exists(results) ? Files.list(results) : Stream.empty()) {
            assertEquals(List.of(), s.toList());
        }
        assertEquals("", mountsUnder(work));
        assertEquals(List.of(), pauseProcesses());
    }

    private List<Path> podDirs() throws IOException {
        Path dir = work.resolve("pods");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    private static String mountsUnder(Path dir) throws IOException {
        return String.join("\n", Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(dir.toString())).toList());
    }

    /** The pause processes of this test's pods, found by the name in their argv. */
    private List<Long> pauseProcesses() {
        List<String> ours = List.of(web, db, lonely).stream().map(n -> "jcni-pause " + n).toList();
        return ProcessHandle.allProcesses().filter(p -> ours.contains(cmdline(p.pid()))).map(ProcessHandle::pid).toList();
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isPause(long pid) {
        return cmdline(pid).startsWith("jcni-pause ");
    }

    private static void waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200 && Files.exists(Path.of("/proc", Long.toString(pid))) && isPause(pid); i++) {
            Thread.sleep(25);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Whatever a failed test left: rm --force every pod of the state dir (no-op after a clean run). */
    private void removeLeftoverPods() throws IOException {
        for (Path dir : podDirs()) {
            jcni.run("pod", "rm", "--force", "--state-dir", state(), dir.getFileName().toString());
        }
    }
}
