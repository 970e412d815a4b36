package io.jcni.plugin.loopback;

import io.jcni.conf.CniException;
import io.jcni.conf.exec.ProcessRunner;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Log;
import io.jcni.plugin.Plugins;
import io.jcni.plugin.kernel.HostErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loopback plugin in scratch pod namespaces, through the dispatcher (what an executable
 * prints), side by side with the reference {@code /usr/lib/cni/loopback} in a second namespace.
 */
class LoopbackPluginTest {
    private ScratchNamespace ours;
    private ScratchNamespace theirs;

    @BeforeEach
    void setUp() {
        ours = ScratchNamespace.create("lo-ours");
        theirs = ScratchNamespace.create("lo-ref");
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

    private static String conf(String version) {
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"lo\",\"type\":\"loopback\"}";
    }

    private static Map<String, String> env(String verb, ScratchNamespace ns, String ifname) {
        return Map.of("CNI_COMMAND", verb, "CNI_CONTAINERID", "ctr-1", "CNI_NETNS", ns.path().toString(),
                "CNI_IFNAME", ifname, "CNI_PATH", "/usr/lib/cni");
    }

    private record Outcome(int exit, String stdout) {
    }

    private static Outcome jcni(Map<String, String> env, String config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new Dispatcher(Plugins.of(new LoopbackPlugin()), Log.discard())
                .run(env, config.getBytes(StandardCharsets.UTF_8), LoopbackPlugin.TYPE, out);
        return new Outcome(rc, out.toString(StandardCharsets.UTF_8));
    }

    private static Outcome reference(Map<String, String> env, String config) throws CniException {
        ProcessRunner.Output o = new ProcessRunner().run("reference loopback", List.of("/usr/lib/cni/loopback"), env,
                config.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30), Optional.empty());
        return new Outcome(o.exitCode(), o.stdoutText());
    }

    private boolean loUp(ScratchNamespace ns) {
        return ns.exec("ip", "-o", "link", "show", "lo").matches("(?s).*<[^>]*\\bUP\\b.*");
    }

    @Test
    void addBringsLoUpAndPrintsWhatTheReferencePrintsIn100() throws Exception {
        assertTrue(!loUp(ours), "a new namespace's lo starts down");
        Outcome mine = jcni(env("ADD", ours, "lo"), conf("1.0.0"));
        Outcome ref = reference(env("ADD", theirs, "lo"), conf("1.0.0"));
        assertEquals(0, mine.exit(), mine.stdout());
        assertEquals(0, ref.exit(), ref.stdout());
        assertEquals(ref.stdout().replace(theirs.path().toString(), "NETNS"),
                mine.stdout().replace(ours.path().toString(), "NETNS"));
        assertTrue(loUp(ours));
        assertTrue(ours.exec("ip", "-o", "addr", "show", "lo").contains("127.0.0.1/8"));
    }

    @Test
    void theInterfaceIsLoWhateverIfnameSays() {
        Outcome mine = jcni(env("ADD", ours, "eth0"), conf("1.1.0"));
        assertEquals(0, mine.exit(), mine.stdout());
        assertTrue(mine.stdout().contains("\"name\": \"lo\""), mine.stdout());
        assertTrue(mine.stdout().contains("\"cniVersion\": \"1.1.0\""), mine.stdout());
        assertTrue(loUp(ours));
    }

    @Test
    void olderVersionsUseTheirOwnResultShape() {
        Outcome v020 = jcni(env("ADD", ours, "lo"), conf("0.2.0"));
        assertEquals(0, v020.exit(), v020.stdout());
        assertTrue(v020.stdout().contains("\"ip4\""), v020.stdout());
        assertTrue(v020.stdout().contains("127.0.0.1/8"), v020.stdout());
        Outcome v031 = jcni(env("ADD", ours, "lo"), conf("0.3.1"));
        assertTrue(v031.stdout().contains("\"version\": \"4\""), v031.stdout());
    }

    @Test
    void prevResultIsPassedThrough() {
        String prev = "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\",\"sandbox\":\"/x\"}],"
                + "\"ips\":[{\"interface\":0,\"address\":\"10.1.2.3/24\"}]}";
        Outcome mine = jcni(env("ADD", ours, "lo"), conf("1.0.0").replaceFirst("\\{", "{\"prevResult\":" + prev + ","));
        assertEquals(0, mine.exit(), mine.stdout());
        assertTrue(mine.stdout().contains("10.1.2.3/24") && !mine.stdout().contains("127.0.0.1"), mine.stdout());
        assertTrue(loUp(ours));
    }

    @Test
    void checkFindsLoDownAndDelSetsItDown() {
        assertEquals(0, jcni(env("ADD", ours, "lo"), conf("1.0.0")).exit());
        assertEquals(0, jcni(env("CHECK", ours, "lo"), conf("1.0.0")).exit());
        assertEquals(0, jcni(env("DEL", ours, "lo"), conf("1.0.0")).exit());
        assertTrue(!loUp(ours));
        Outcome check = jcni(env("CHECK", ours, "lo"), conf("1.0.0"));
        assertEquals(1, check.exit());
        assertTrue(check.stdout().contains("\"code\": " + HostErrors.STATE_DIFFERS), check.stdout());
        assertTrue(check.stdout().contains("lo in " + ours.path() + " is down"), check.stdout());
    }

    @Test
    void delToleratesAVanishedOrMissingNetns() {
        Map<String, String> gone = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "ctr-1",
                "CNI_NETNS", "/var/run/netns/jcni-no-such-ns", "CNI_IFNAME", "lo");
        assertEquals(0, jcni(gone, conf("1.0.0")).exit());
        Map<String, String> none = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "ctr-1", "CNI_IFNAME", "lo");
        assertEquals(0, jcni(none, conf("1.0.0")).exit());
    }

    @Test
    void addIntoAMissingNetnsIsCode4NamingIt() {
        Map<String, String> gone = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "ctr-1",
                "CNI_NETNS", "/var/run/netns/jcni-no-such-ns", "CNI_IFNAME", "lo");
        Outcome o = jcni(gone, conf("1.0.0"));
        assertEquals(1, o.exit());
        assertTrue(o.stdout().contains("\"code\": 4") && o.stdout().contains("CNI_NETNS"), o.stdout());
    }
}
