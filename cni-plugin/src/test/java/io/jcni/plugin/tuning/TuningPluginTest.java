package io.jcni.plugin.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;
import io.jcni.conf.exec.ProcessRunner;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Log;
import io.jcni.plugin.Plugins;
import io.jcni.plugin.kernel.HostErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuning plugin on a veth {@code eth0} in scratch pod namespaces, through the dispatcher,
 * side by side with the reference {@code /usr/lib/cni/tuning} on an identical namespace: same
 * result, same kernel state, and each restores on DEL what the other changed.
 */
class TuningPluginTest {
    private static final String CONTAINER = "ctr-tune-1";
    private static final String MAC = "0a:58:0a:16:00:99";

    private ScratchNamespace ours;
    private ScratchNamespace theirs;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        ours = pod("tune-ours");
        theirs = pod("tune-ref");
    }

    private ScratchNamespace pod(String label) {
        ScratchNamespace ns = ScratchNamespace.create(label);
        try {
            ns.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
            ns.exec("ip", "link", "set", "eth0", "address", "0a:58:0a:16:00:02", "mtu", "1500", "up");
            return ns;
        } catch (RuntimeException | AssertionError e) {
            ns.close(); // a failed setup must not leave the namespace behind
            throw e;
        }
    }

    @AfterEach
    void tearDown() {
        try {
            if (ours != null) {
                ours.close();
            }
        } finally {
            if (theirs != null) {
                theirs.close();
            }
        }
    }

    private static String text(JsonNode node) {
        return new String(Json.compact(node), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.read(json.getBytes(StandardCharsets.UTF_8), "output");
        } catch (CniException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private Path dataDir() {
        return tmp.resolve("backups");
    }

    private ObjectNode conf(String version, ScratchNamespace pod) {
        ObjectNode c = Json.object().put("cniVersion", version).put("name", "jt-tune").put("type", "tuning")
                .put("dataDir", dataDir().toString());
        ObjectNode prev = c.putObject("prevResult").put("cniVersion", version);
        prev.putArray("interfaces").addObject().put("name", "eth0").put("mac", "0a:58:0a:16:00:02")
                .put("sandbox", pod.path().toString());
        prev.putArray("ips").addObject().put("interface", 0).put("address", "10.22.0.2/16").put("gateway", "10.22.0.1");
        return c;
    }

    /** Every option the installed reference (v1.1.1) knows; txQLen came later upstream. */
    private ObjectNode everything(String version, ScratchNamespace pod) {
        ObjectNode c = conf(version, pod);
        c.putObject("sysctl").put("net.ipv4.conf.IFNAME.arp_notify", "1").put("net.core.somaxconn", "512");
        c.put("mac", MAC).put("mtu", 1400).put("promisc", true).put("allmulti", true);
        return c;
    }

    private static Map<String, String> env(String verb, ScratchNamespace pod) {
        Map<String, String> env = new HashMap<>(Map.of("CNI_COMMAND", verb, "CNI_CONTAINERID", CONTAINER,
                "CNI_IFNAME", "eth0", "CNI_PATH", "/usr/lib/cni"));
        if (pod != null) {
            env.put("CNI_NETNS", pod.path().toString());
        }
        return env;
    }

    private record Outcome(int exit, String stdout) {
        JsonNode json() {
            return parse(stdout);
        }
    }

    private Outcome jcni(Map<String, String> env, ObjectNode config) {
        return jcni(env, text(config), tmp.resolve("no-allowlist.conf"));
    }

    private static Outcome jcni(Map<String, String> env, String config, Path allowlist) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new Dispatcher(Plugins.of(new TuningPlugin(allowlist)), Log.discard())
                .run(env, config.getBytes(StandardCharsets.UTF_8), TuningPlugin.TYPE, out);
        return new Outcome(rc, out.toString(StandardCharsets.UTF_8));
    }

    private static Outcome reference(Map<String, String> env, ObjectNode config) throws CniException {
        ProcessRunner.Output o = new ProcessRunner().run("reference tuning", List.of("/usr/lib/cni/tuning"), env,
                text(config).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30), Optional.empty());
        return new Outcome(o.exitCode(), o.stdoutText());
    }

    /** What tuning can change in the pod, as ip and /proc/sys show it. */
    private static String state(ScratchNamespace pod) {
        JsonNode link = parse(pod.exec("ip", "-d", "-j", "link", "show", "eth0")).get(0);
        return "mac=" + link.path("address").asText() + " mtu=" + link.path("mtu").asInt()
                + " promiscuity=" + link.path("promiscuity").asInt() + " txqlen=" + link.path("txqlen").asInt()
                + " flags=" + link.path("flags")
                + " arp_notify=" + pod.exec("cat", "/proc/sys/net/ipv4/conf/eth0/arp_notify").strip()
                + " somaxconn=" + pod.exec("cat", "/proc/sys/net/core/somaxconn").strip();
    }

    private Path backup() {
        return dataDir().resolve(CONTAINER + "_eth0.json");
    }

    @Test
    void addGivesTheReferencesResultAndKernelState() throws Exception {
        String before = state(ours);
        assertEquals(before, state(theirs));
        for (String version : List.of("0.3.1", "0.4.0", "1.0.0")) {
            Outcome mine = jcni(env("ADD", ours), everything(version, ours));
            Outcome ref = reference(env("ADD", theirs), everything(version, theirs));
            assertEquals(0, mine.exit(), mine.stdout());
            assertEquals(0, ref.exit(), ref.stdout());
            assertEquals(ref.stdout().replace(theirs.path().toString(), "NETNS"),
                    mine.stdout().replace(ours.path().toString(), "NETNS"), version);
            assertEquals(MAC, mine.json().path("interfaces").get(0).path("mac").asText());
            assertEquals(state(theirs), state(ours));
        }
        assertFalse(state(ours).equals(before));
        String after = state(ours);
        assertTrue(after.contains("mtu=1400") && after.contains("arp_notify=1")
                && after.contains("somaxconn=512") && after.contains("ALLMULTI") && after.contains(MAC), after);
    }

    @Test
    void delRestoresWhatEitherAddedFromTheOthersBackup() throws Exception {
        String before = state(ours);
        // jcni adds, the reference deletes.
        assertEquals(0, jcni(env("ADD", ours), everything("1.0.0", ours)).exit());
        assertTrue(Files.exists(backup()));
        assertEquals(0, reference(env("DEL", ours), everything("1.0.0", ours)).exit());
        assertFalse(Files.exists(backup()));
        assertEquals(before.replaceAll(" (arp_notify|somaxconn)=\\S+", ""), state(ours).replaceAll(" (arp_notify|somaxconn)=\\S+", ""));

        // The reference adds, jcni deletes.
        String before2 = state(theirs);
        assertEquals(0, reference(env("ADD", theirs), everything("1.0.0", theirs)).exit());
        assertTrue(Files.exists(backup()));
        assertEquals(0, jcni(env("DEL", theirs), everything("1.0.0", theirs)).exit());
        assertFalse(Files.exists(backup()));
        assertEquals(before2.replaceAll(" (arp_notify|somaxconn)=\\S+", ""), state(theirs).replaceAll(" (arp_notify|somaxconn)=\\S+", ""));
    }

    @Test
    void txQLenIsSetCheckedAndRestored() {
        ObjectNode c = conf("1.0.0", ours).put("txQLen", 2000);
        assertTrue(state(ours).contains("txqlen=1000"));
        assertEquals(0, jcni(env("ADD", ours), c).exit());
        assertTrue(state(ours).contains("txqlen=2000"));
        assertEquals(0, jcni(env("CHECK", ours), c).exit());
        ours.exec("ip", "link", "set", "eth0", "txqueuelen", "10");
        Outcome o = jcni(env("CHECK", ours), c);
        assertEquals(HostErrors.STATE_DIFFERS, o.json().path("code").asInt(), o.stdout());
        assertTrue(o.json().path("msg").asText().startsWith("txQLen: eth0 has txqueuelen 10"), o.stdout());
        assertEquals(0, jcni(env("DEL", ours), c).exit());
        assertTrue(state(ours).contains("txqlen=1000"));
    }

    @Test
    void checkFindsWhatDiffers() {
        ObjectNode c = everything("1.0.0", ours);
        assertEquals(0, jcni(env("ADD", ours), c).exit());
        assertEquals(0, jcni(env("CHECK", ours), c).exit());
        ours.exec("ip", "link", "set", "eth0", "mtu", "1300");
        Outcome o = jcni(env("CHECK", ours), c);
        assertEquals(1, o.exit());
        assertEquals(HostErrors.STATE_DIFFERS, o.json().path("code").asInt());
        assertTrue(o.json().path("msg").asText().startsWith("mtu: eth0 has MTU 1300"), o.stdout());
        ours.exec("ip", "link", "set", "eth0", "mtu", "1400");
        ours.exec("sh", "-c", "echo 0 > /proc/sys/net/ipv4/conf/eth0/arp_notify");
        o = jcni(env("CHECK", ours), c);
        assertEquals(HostErrors.STATE_DIFFERS, o.json().path("code").asInt());
        assertTrue(o.json().path("msg").asText().startsWith("sysctl.net.ipv4.conf.IFNAME.arp_notify: is \"0\""), o.stdout());
    }

    @Test
    void macFromCniArgsRuntimeConfigAndArgsCniInTheReferencesOrder() {
        Map<String, String> env = env("ADD", ours);
        env.put("CNI_ARGS", "IgnoreUnknown=1;MAC=0a:58:00:00:00:01");
        ObjectNode c = conf("1.0.0", ours);
        assertEquals("0a:58:00:00:00:01", jcni(env, c).json().path("interfaces").get(0).path("mac").asText());
        c.putObject("runtimeConfig").put("mac", "0a:58:00:00:00:02");
        assertEquals("0a:58:00:00:00:02", jcni(env, c).json().path("interfaces").get(0).path("mac").asText());
        c.putObject("args").putObject("cni").put("mac", "0a:58:00:00:00:03");
        assertEquals("0a:58:00:00:00:03", jcni(env, c).json().path("interfaces").get(0).path("mac").asText());
        assertTrue(state(ours).contains("0a:58:00:00:00:03"));
    }

    /** A refused config: its code, the start of its msg, and nothing changed in the pod or the backup directory. */
    private void refused(ObjectNode config, int code, String msgStart) {
        refused(config, tmp.resolve("no-allowlist.conf"), code, msgStart);
    }

    private void refused(ObjectNode config, Path allowlist, int code, String msgStart) {
        String before = state(ours);
        Outcome o = jcni(env("ADD", ours), text(config), allowlist);
        assertEquals(1, o.exit(), o.stdout());
        assertEquals(code, o.json().path("code").asInt(), o.stdout());
        assertTrue(o.json().path("msg").asText().startsWith(msgStart), o.stdout());
        assertEquals(before, state(ours));
        assertFalse(Files.exists(backup()), "backup left behind");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndLeavesNothing() {
        ObjectNode c = everything("1.0.0", ours);
        c.putObject("sysctl").put("kernel.hostname", "evil");
        refused(c, 7, "sysctl.kernel.hostname: not a network sysctl");
        c.putObject("sysctl").put("net.ipv4.conf.eth0.arp_notify", "1").put("net/../kernel/hostname", "x");
        refused(c, 7, "sysctl.net/../kernel/hostname: not a network sysctl");
        c.putObject("sysctl").put("net.ipv4.conf.eth0.arp_notify", "1").put("net.core.netdev_max_backlog", "5000");
        refused(c, 7, "sysctl.net.core.netdev_max_backlog: the pod's network namespace has no such sysctl");
        c.putObject("sysctl").put("net.ipv4.conf.eth0.arp_notify", "1").put("net.core.rmem_max", "5000");
        refused(c, 7, "sysctl.net.core.rmem_max: cannot be set in the pod's network namespace");
        c.putObject("sysctl").put("net.ipv4.conf.eth0.arp_notify", 1);
        refused(c, 7, "sysctl.net.ipv4.conf.eth0.arp_notify: expected a string");
        c.remove("sysctl");

        refused(everything("1.0.0", ours).put("mtu", "big"), 7, "mtu: expected an integer");
        refused(everything("1.0.0", ours).put("promisc", "yes"), 7, "promisc: expected a boolean");
        refused(everything("1.0.0", ours).put("txQLen", -1), 7, "txQLen: must not be negative");
        refused(everything("1.0.0", ours).put("mtu", -5), 7, "mtu: must not be negative");
        refused(everything("1.0.0", ours).put("mac", "01:00:5e:00:00:01"), 7, "mac: 01:00:5e:00:00:01 is a multicast");
        ObjectNode noPrev = everything("1.0.0", ours);
        noPrev.remove("prevResult");
        refused(noPrev, 7, "prevResult: missing; tuning is chained");
        // The kernel refuses an MTU above the veth's maximum after the sysctls and the backup were
        // written: everything done so far is undone.
        refused(everything("1.0.0", ours).put("mtu", 70000), HostErrors.CHANGE_REFUSED, "set the MTU of eth0 to 70000");
    }

    @Test
    void aRelativeDataDirIsRefusedBeforeAnythingChanges() {
        refused(everything("1.0.0", ours).put("dataDir", "tuning"), 7, "dataDir: \"tuning\" must be an absolute path");
    }

    @Test
    void duplicatedSysctlKeysAreRefusedAsTheReferenceDoes() {
        String config = text(everything("1.0.0", ours)).replaceFirst("\"sysctl\":\\{",
                "\"sysctl\":{\"net.core.somaxconn\":\"100\",");
        assertTrue(config.contains("\"net.core.somaxconn\":\"100\""), config);
        Outcome o = jcni(env("ADD", ours), config, tmp.resolve("none"));
        assertEquals(7, o.json().path("code").asInt(), o.stdout());
        assertTrue(o.json().path("msg").asText().startsWith("sysctl.net.core.somaxconn: duplicated"), o.stdout());
    }

    @Test
    void theAllowListRefusesKeysNoPatternMatches() throws Exception {
        Path allow = tmp.resolve("allowlist.conf");
        Files.writeString(allow, "^net\\.ipv4\\.conf\\.IFNAME\\.[a-z_]*$\n\n  ^net\\.ipv4\\.ping_group_range$\n");
        refused(everything("1.0.0", ours), allow, 7, "sysctl.net.core.somaxconn: not allowed by " + allow);
        ObjectNode ok = everything("1.0.0", ours);
        ok.putObject("sysctl").put("net.ipv4.conf.IFNAME.arp_notify", "1");
        assertEquals(0, jcni(env("ADD", ours), text(ok), allow).exit());
    }

    @Test
    void delWithTheNetnsGoneOrAbsentRemovesTheBackup() {
        assertEquals(0, jcni(env("ADD", ours), everything("1.0.0", ours)).exit());
        assertTrue(Files.exists(backup()));
        assertEquals(0, jcni(env("DEL", null), everything("1.0.0", ours)).exit());
        assertFalse(Files.exists(backup()));

        assertEquals(0, jcni(env("ADD", ours), everything("1.0.0", ours)).exit());
        Map<String, String> gone = env("DEL", null);
        gone.put("CNI_NETNS", "/var/run/netns/jcni-no-such-ns");
        assertEquals(0, jcni(gone, everything("1.0.0", ours)).exit());
        assertFalse(Files.exists(backup()));
    }

    @Test
    void gcRemovesOnlyThisNetworksBackupsOfAttachmentsNoLongerListed() throws Exception {
        Files.createDirectories(dataDir());
        Files.writeString(dataDir().resolve("live_eth0.json"), "{\"mtu\":1500,\"network\":\"jt-tune\"}");
        Files.writeString(dataDir().resolve("gone_eth0.json"), "{\"mtu\":1500,\"network\":\"jt-tune\"}");
        Files.writeString(dataDir().resolve("other_eth0.json"), "{\"mtu\":1500,\"network\":\"jt-other\"}");
        Files.writeString(dataDir().resolve("reference_eth0.json"), "{\"mtu\":1500}");
        ObjectNode gc = Json.object().put("cniVersion", "1.1.0").put("name", "jt-tune").put("type", "tuning")
                .put("dataDir", dataDir().toString());
        gc.putArray("cni.dev/valid-attachments").addObject().put("containerID", "live").put("ifname", "eth0");
        Outcome o = jcni(Map.of("CNI_COMMAND", "GC", "CNI_PATH", "/usr/lib/cni"), text(gc), tmp.resolve("none"));
        assertEquals(0, o.exit(), o.stdout());
        assertTrue(Files.exists(dataDir().resolve("live_eth0.json")));
        assertFalse(Files.exists(dataDir().resolve("gone_eth0.json")));
        assertTrue(Files.exists(dataDir().resolve("other_eth0.json")));
        assertTrue(Files.exists(dataDir().resolve("reference_eth0.json")));
    }
}
