package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jcni ls}, {@code check} and {@code gc}, the installed command run inside a sandbox host
 * as {@code ip netns exec HOST jcni ...} would: two pods on a network of jcni's plugins and two on
 * one of the reference's (bridge with ipMasq, portmap, firewall, tuning, bandwidth; one config dir and one result
 * cache, as a node has), then damaged by hand, one way per pod: a host veth deleted, a pod's netns
 * removed, a masquerade chain deleted, a reservation file removed. check reports exactly those, gc
 * --dry-run plans the removal of exactly what belongs to the two dead pods and changes nothing, gc
 * removes exactly that, and the live pods keep everything.
 */
class JcniInspectE2eTest {
    private static final String JCNI_NET = "jt-inspj";
    private static final String REF_NET = "jt-inspr";
    private static final String IFB_PREFIX = "bwp";

    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path work;

    private SandboxHost host;
    private Path netconf;
    private Path cache;

    /** The four pods: jcni's j1, j2 and the reference's r1, r2. */
    private record Pods(NetnsPod j1, NetnsPod j2, NetnsPod r1, NetnsPod r2) {
    }

    private Pods wire() {
        host = lab.host();
        CniTool jcni = new CniTool(PluginSet.jcni(), host, work.resolve("cni"));
        CniTool reference = new CniTool(PluginSet.reference(), host, work.resolve("cni"));
        netconf = work.resolve("cni/net.d");
        cache = work.resolve("cni/cache");
        jcni.install(conflist(JCNI_NET, "brinspj", "10.41.0.0/24"));
        reference.install(conflist(REF_NET, "brinspr", "10.42.0.0/24"));
        Pods p = new Pods(lab.netnsPod(), lab.netnsPod(), lab.netnsPod(), lab.netnsPod());
        jcni.add(JCNI_NET, Attachment.of(p.j1()), PortmapConflist.CAP_ARGS);
        jcni.add(JCNI_NET, Attachment.of(p.j2()), PortmapConflist.CAP_ARGS);
        reference.add(REF_NET, Attachment.of(p.r1()), PortmapConflist.CAP_ARGS);
        reference.add(REF_NET, Attachment.of(p.r2()), PortmapConflist.CAP_ARGS);
        return p;
    }

    private JsonNode conflist(String name, String bridge, String subnet) {
        return Json.parse("""
                {"cniVersion": "1.0.0", "name": "%s", "plugins": [
                  {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": true,
                   "ipam": {"type": "host-local", "dataDir": "%s", "ranges": [[{"subnet": "%s"}]]}},
                  {"type": "portmap", "capabilities": {"portMappings": true}},
                  {"type": "firewall"},
                  {"type": "tuning", "dataDir": "%s", "mtu": 1400},
                  {"type": "bandwidth", "egressRate": 40000000, "egressBurst": 800000}]}
                """.formatted(name, bridge, work.resolve("ipam"), subnet, work.resolve("tuning")));
    }

    /** The installed jcni command in the sandbox host, reading this test's config dir and cache. */
    private ExecResult jcni(String command, String... args) {
        List<String> argv = new ArrayList<>(List.of(JcniInstall.jcniCommand().toString(), command,
                "--conf-dir", netconf.toString(), "--cache-dir", cache.toString()));
        argv.addAll(List.of(args));
        return host.exec(Map.of(), argv.toArray(String[]::new));
    }

    private JsonNode json(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        ExecResult r = jcni(command, all.toArray(String[]::new));
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.describe());
        return Json.parse(r.stdout());
    }

    private static JsonNode attachment(JsonNode ls, String network, String containerId) {
        for (JsonNode a : ls.path("attachments")) {
            if (a.path("network").asText().equals(network) && a.path("containerId").asText().equals(containerId)) {
                return a;
            }
        }
        throw new AssertionError("no attachment " + network + "/" + containerId + " in " + ls);
    }

    private static Set<String> kinds(JsonNode attachment) {
        Set<String> out = new TreeSet<>();
        attachment.path("rules").forEach(r -> out.add(r.path("kind").asText()));
        return out;
    }

    @Test
    void lsShowsEveryAttachmentWhoMadeItAndCheckFindsNothingWrong() {
        Pods p = wire();

        JsonNode ls = json("ls");

        assertEquals(4, ls.path("attachments").size(), ls.toString());
        for (NetnsPod pod : List.of(p.j1(), p.j2(), p.r1(), p.r2())) {
            boolean ours = pod == p.j1() || pod == p.j2();
            JsonNode a = attachment(ls, ours ? JCNI_NET : REF_NET, pod.name());
            assertEquals(ours ? "jcni" : "reference", a.path("madeBy").asText());
            assertEquals("eth0", a.path("ifname").asText());
            assertEquals(ours ? "brinspj" : "brinspr", a.path("bridge").asText());
            assertEquals(pod.netnsPath().toString(), a.path("podNetns").asText());
            String link = pod.exec("ip", "-o", "link", "show", "eth0").orFail().stdout();
            String mac = link.substring(link.indexOf("link/ether ") + "link/ether ".length()).split(" ")[0];
            assertEquals(mac, a.path("mac").asText());
            String reserved = a.path("reservations").get(0).asText();
            assertTrue(reserved.startsWith(ours ? "10.41.0." : "10.42.0."), a.toString());
            assertEquals(reserved + "/24", a.path("addresses").get(0).asText());
            assertEquals(Set.of("firewall", "masq", "portmap"), kinds(a));
            assertEquals(IFB_PREFIX, a.path("ifb").asText().substring(0, 3), a.toString());
            assertEquals(1, a.path("tuningBackups").size(), a.toString());
            assertTrue(host.exec("ip", "link", "show", a.path("hostVeth").asText()).ok());
        }
        JsonNode check = json("check");
        assertTrue(check.path("ok").asBoolean(), check.toString());
        assertEquals(0, jcni("check").exitCode());
        // from outside: --netns names the node instead of running in it
        ExecResult outside = Exec.run(JcniInstall.jcniCommand().toString(), "ls", "--netns", host.netnsPath().toString(),
                "--conf-dir", netconf.toString(), "--cache-dir", cache.toString(), "-o", "json");
        assertTrue(outside.ok(), outside.describe());
        assertEquals(ls.path("attachments"), Json.parse(outside.stdout()).path("attachments"));

        JsonNode bridges = json("bridges");
        int seen = 0;
        for (JsonNode b : bridges.path("bridges")) {
            if (b.path("name").asText().startsWith("brinsp")) {
                seen++;
                assertEquals(2, b.path("attachments").size(), b.toString());
                assertEquals(2, b.path("ports").size(), b.toString());
            }
        }
        assertEquals(2, seen, bridges.toString());
    }

    @Test
    void checkReportsEachDamageAndGcRemovesExactlyWhatBelongsToTheDeadPods() {
        Pods p = wire();
        JsonNode before = json("ls");
        // j1: its host veth deleted by hand (the pod end goes with it)
        host.exec("ip", "link", "del", attachment(before, JCNI_NET, p.j1().name()).path("hostVeth").asText()).orFail();
        // j2: its masquerade chain deleted (and the jump to it)
        String chain = masqueradeChain(attachment(before, JCNI_NET, p.j2().name()));
        host.exec("sh", "-c", "iptables -t nat -S POSTROUTING | grep -- '-j " + chain + "$' | sed 's/^-A/-D/' "
                + "| while read -r l; do eval iptables -t nat $l; done; iptables -t nat -F " + chain
                + " && iptables -t nat -X " + chain).orFail();
        // r1: its reservation file removed
        String r1Address = attachment(before, REF_NET, p.r1().name()).path("reservations").get(0).asText();
        delete(work.resolve("ipam").resolve(REF_NET).resolve(r1Address));
        // r2: its network namespace removed
        p.r2().close();

        JsonNode check = json("check");
        assertEquals(1, jcni("check").exitCode());
        Set<String> problems = new TreeSet<>();
        check.path("problems").forEach(x -> problems.add(x.path("network").asText() + "/" + x.path("containerId").asText()
                + " " + x.path("kind").asText()));
        // cnitool's cache records no netns, so a pod whose veth is gone looks like a pod that is gone
        assertEquals(new TreeSet<>(Set.of(
                JCNI_NET + "/" + p.j1().name() + " reserved_without_interface",
                JCNI_NET + "/" + p.j1().name() + " rules_without_pod",
                JCNI_NET + "/" + p.j2().name() + " pod_without_rules",
                REF_NET + "/" + p.r1().name() + " interface_without_reservation",
                REF_NET + "/" + p.r2().name() + " reserved_without_interface",
                REF_NET + "/" + p.r2().name() + " rules_without_pod")), problems);

        String state = nodeState();
        JsonNode dry = json("gc", "--dry-run");
        assertEquals(state, nodeState(), "--dry-run changed the node");
        Set<String> planned = removals(dry.path("removed"));
        assertEquals(new TreeSet<>(Set.of(
                p.j1().name() + " reservation", p.j1().name() + " masq", p.j1().name() + " portmap", p.j1().name() + " firewall",
                p.j1().name() + " ifb", p.j1().name() + " tuning",
                p.r2().name() + " reservation", p.r2().name() + " masq", p.r2().name() + " portmap", p.r2().name() + " firewall",
                p.r2().name() + " ifb", p.r2().name() + " tuning")),
                planned);

        ExecResult gc = jcni("gc", "-o", "json");
        assertEquals(0, gc.exitCode(), gc.describe());
        JsonNode done = Json.parse(gc.stdout());
        assertEquals(planned, removals(done.path("removed")));
        assertEquals(0, done.path("left").size(), done.toString());

        JsonNode after = json("ls");
        assertEquals(2, after.path("attachments").size(), after.toString());
        assertEquals(Set.of("firewall", "portmap"), kinds(attachment(after, JCNI_NET, p.j2().name())));
        assertEquals(Set.of("firewall", "masq", "portmap"), kinds(attachment(after, REF_NET, p.r1().name())));
        for (JsonNode live : List.of(attachment(after, JCNI_NET, p.j2().name()), attachment(after, REF_NET, p.r1().name()))) {
            assertTrue(live.path("ifb").isTextual() && live.path("tuningBackups").size() == 1, live.toString());
        }
        assertTrue(p.j2().exec("ip", "addr", "show", "eth0").ok() && p.r1().exec("ip", "addr", "show", "eth0").ok());
        Set<String> still = new TreeSet<>();
        json("check").path("problems").forEach(x -> still.add(x.path("containerId").asText() + " " + x.path("kind").asText()));
        assertEquals(new TreeSet<>(Set.of(p.j2().name() + " pod_without_rules", p.r1().name() + " interface_without_reservation")),
                still, "gc must not touch live pods");
        JsonNode again = json("gc", "--dry-run");
        assertEquals(0, again.path("removed").size(), again.toString());
    }

    @Test
    void tablesAreColouredOnATerminalOnlyAndEveryCommandHasHelpWithAnExample() {
        wire();
        String cmd = String.join(" ", host.inside(JcniInstall.jcniCommand().toString(), "ls", "--conf-dir", netconf.toString(),
                "--cache-dir", cache.toString()));
        ExecResult tty = Exec.run("script", "-qec", cmd, "/dev/null");
        assertTrue(tty.ok(), tty.describe());
        assertTrue(tty.stdout().contains("\u001b[1mNETWORK"), tty.stdout());
        assertTrue(tty.stdout().contains("\u001b[32mjcni"), tty.stdout());
        ExecResult piped = jcni("ls");
        assertTrue(piped.ok(), piped.describe());
        assertFalse(piped.stdout().contains("\u001b"), piped.stdout());
        assertTrue(piped.stdout().startsWith("NETWORK  "), piped.stdout());
        for (String sub : List.of("ls", "bridges", "check", "gc", "completion")) {
            ExecResult help = Exec.run(JcniInstall.jcniCommand().toString(), sub, "--help");
            assertTrue(help.ok() && help.stdout().contains("Examples:"), sub + ": " + help.describe());
        }
        ExecResult completion = Exec.run(JcniInstall.jcniCommand().toString(), "completion");
        assertTrue(completion.ok() && completion.stdout().contains("complete -F") && completion.stdout().contains("gc"),
                completion.describe());
    }

    private static String masqueradeChain(JsonNode attachment) {
        for (JsonNode r : attachment.path("rules")) {
            if (r.path("kind").asText().equals("masq") && r.path("where").asText().startsWith("iptables nat ")) {
                return r.path("where").asText().substring("iptables nat ".length());
            }
        }
        throw new AssertionError("no iptables masquerade chain in " + attachment);
    }

    private static Set<String> removals(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(x -> out.add(x.path("containerId").asText() + " " + x.path("what").asText()));
        return out;
    }

    /** What gc could change: the host's rules and links, the IPAM stores, the tuning backups. */
    private String nodeState() {
        StringBuilder sb = new StringBuilder();
        sb.append(host.exec("iptables-save").orFail().stdout().replaceAll("(?m)^#.*\n", "").replaceAll("\\[\\d+:\\d+\\]", ""));
        sb.append(host.exec("ip6tables-save").orFail().stdout().replaceAll("(?m)^#.*\n", "").replaceAll("\\[\\d+:\\d+\\]", ""));
        sb.append(host.exec("ip", "-o", "link").orFail().stdout().replaceAll("qlen \\d+", ""));
        try (Stream<Path> files = Stream.concat(Files.walk(work.resolve("ipam")), Files.walk(work.resolve("tuning")))) {
            files.sorted().forEach(f -> sb.append(f).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
