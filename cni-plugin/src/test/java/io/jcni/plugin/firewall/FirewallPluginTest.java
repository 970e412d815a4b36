package io.jcni.plugin.firewall;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import io.jcni.conf.CniVersion;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iptables backend against the kernel, in a scratch namespace standing for the host, side by
 * side with the reference plugin ({@code /usr/lib/cni/firewall}) run in the same namespace: same
 * rules after ADD (iptables-save), each DEL removes what the other ADDed, CHECK accepts either's.
 */
class FirewallPluginTest {
    static final String PREV = """
            {"cniVersion":"1.0.0","interfaces":[{"name":"cni0","mac":"aa:bb:cc:dd:ee:ff"},{"name":"veth1","mac":"aa:bb:cc:dd:ee:fe"},
            {"name":"eth0","mac":"aa:bb:cc:dd:ee:fd","sandbox":"/var/run/netns/x"}],
            "ips":[{"address":"10.88.0.5/16","gateway":"10.88.0.1","interface":2},{"address":"fd00::5/64","interface":2}],
            "dns":{}}""";

    private ScratchNamespace host;
    private FirewallPlugin plugin;

    @BeforeEach
    void setUp() {
        host = ScratchNamespace.create("fw-ipt");
        plugin = new FirewallPlugin(host.path());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    /** Replaces the host namespace with a new, empty one (tearDown removes whichever is current). */
    private void freshHost() {
        host.close();
        host = ScratchNamespace.create("fw-ref");
        plugin = new FirewallPlugin(host.path());
    }

    static String conf(String extra, String prev) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"fwnet\",\"type\":\"firewall\"" + extra
                + (prev == null ? "" : ",\"prevResult\":" + prev) + "}";
    }

    static Request req(Verb verb, String conf) {
        return Request.builder(verb).containerId("ctr-1").netns("/var/run/netns/gone").ifname("eth0").config(conf).build();
    }

    /** iptables-save and ip6tables-save of table filter without comments and counters. */
    String rules() {
        return normalise(host.exec("iptables-save", "-t", "filter")) + normalise(host.exec("ip6tables-save", "-t", "filter"));
    }

    /** How often {@code literal} occurs in {@code text}. */
    static int count(String text, String literal) {
        int n = 0;
        for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length())) {
            n++;
        }
        return n;
    }

    static String normalise(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    String reference(String command, String conf) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.name(), "env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "CNI_COMMAND=" + command, "CNI_CONTAINERID=ctr-1",
                "CNI_NETNS=/var/run/netns/gone", "CNI_IFNAME=eth0", "CNI_PATH=/usr/lib/cni", "/usr/lib/cni/firewall"));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(conf.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "reference " + command + ": " + out);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void addWritesTheReferenceRulesAndPassesPrevResultThrough() throws Exception {
        String c = conf(",\"backend\":\"iptables\"", PREV);
        Result r = plugin.add(req(Verb.ADD, c));
        assertEquals(ResultCodec.read(PREV.getBytes(StandardCharsets.UTF_8), CniVersion.V1_0_0), r);
        String ours = rules();
        assertTrue(ours.contains("-A FORWARD -m comment --comment \"CNI firewall plugin rules\" -j CNI-FORWARD\n"), ours);
        assertTrue(ours.contains("-A CNI-FORWARD -m comment --comment \"CNI firewall plugin admin overrides\" -j CNI-ADMIN\n"), ours);
        assertTrue(ours.contains("-A CNI-FORWARD -d 10.88.0.5/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"), ours);
        assertTrue(ours.contains("-A CNI-FORWARD -s fd00::5/128 -j ACCEPT\n"), ours);
        plugin.check(req(Verb.CHECK, c));
        plugin.del(req(Verb.DEL, c));
        String afterOurDel = rules();
        assertFalse(afterOurDel.contains("10.88.0.5"), afterOurDel);

        // The reference's ADD in a fresh namespace gives the same table as ours did.
        freshHost();
        reference("ADD", c);
        assertEquals(ours, rules());
        plugin.check(req(Verb.CHECK, c));
        plugin.del(req(Verb.DEL, c));
        assertEquals(afterOurDel, rules());
    }

    @Test
    void theReferenceChecksAndDeletesWhatWeAdded() throws Exception {
        String c = conf(",\"iptablesAdminChainName\":\"MY-ADMIN\"", PREV);
        plugin.add(req(Verb.ADD, c));
        assertTrue(rules().contains("-j MY-ADMIN"), rules());
        reference("CHECK", c);
        reference("DEL", c);
        assertFalse(rules().contains("10.88.0.5"), rules());
        assertFalse(rules().contains("fd00::5"), rules());
    }

    @Test
    void addTwiceAndForTwoPodsKeepsOneCopyOfEachRule() throws Exception {
        String c = conf("", PREV);
        plugin.add(req(Verb.ADD, c));
        plugin.add(req(Verb.ADD, c));
        plugin.add(req(Verb.ADD, conf("", PREV.replace("10.88.0.5", "10.88.0.6").replace("fd00::5", "fd00::6"))));
        String t = rules();
        assertEquals(2, count(t, "-j CNI-FORWARD\n"), t); // one per family
        assertEquals(1, count(t, "-s 10.88.0.5/32 -j ACCEPT"), t);
        assertTrue(t.contains("-s 10.88.0.6/32 -j ACCEPT"), t);
        plugin.del(req(Verb.DEL, c));
        t = rules();
        assertFalse(t.contains("10.88.0.5"), t);
        assertTrue(t.contains("-s 10.88.0.6/32 -j ACCEPT"), t);
    }

    @Test
    void sameBridgeIngressPolicyMatchesTheReference() throws Exception {
        String c = conf(",\"ingressPolicy\":\"same-bridge\"", PREV);
        plugin.add(req(Verb.ADD, c));
        String ours = rules();
        assertTrue(ours.contains("-A CNI-ISOLATION-STAGE-1 -i cni0 ! -o cni0 -m comment --comment "
                + "\"CNI firewall plugin rules (ingressPolicy: same-bridge)\" -j CNI-ISOLATION-STAGE-2\n"), ours);
        freshHost();
        reference("ADD", c);
        assertEquals(ours, rules());
    }

    /** Concurrent ADDs for different pods race for the chains; each restore that loses is planned again. */
    @Test
    void concurrentAddsKeepEveryPodsRulesAndOneCopyOfTheJumps() throws Exception {
        int pods = 6;
        List<java.util.concurrent.Future<Result>> done = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(pods)) {
            for (int i = 0; i < pods; i++) {
                String c = conf("", PREV.replace("10.88.0.5", "10.88.0." + (10 + i)).replace("fd00::5", "fd00::" + (10 + i)));
                done.add(pool.submit(() -> plugin.add(req(Verb.ADD, c))));
            }
            for (var f : done) {
                f.get();
            }
        }
        String t = rules();
        for (int i = 0; i < pods; i++) {
            assertTrue(t.contains("-A CNI-FORWARD -s 10.88.0." + (10 + i) + "/32 -j ACCEPT\n"), t);
            assertTrue(t.contains("-A CNI-FORWARD -s fd00::" + (10 + i) + "/128 -j ACCEPT\n"), t);
        }
        assertEquals(2, count(t, "-A FORWARD -m comment --comment \"CNI firewall plugin rules\" -j CNI-FORWARD\n"), t);
        assertEquals(2, count(t, "-j CNI-ADMIN\n"), t);
    }

    /** The reference speaks 0.4.0 and 1.0.0; jcni takes prevResult in the shape of every version. */
    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"})
    void everySpecVersionAddsAndDeletesTheRules(String version) throws Exception {
        String prev = switch (version) {
            case "0.1.0", "0.2.0" -> "{\"cniVersion\":\"" + version + "\",\"ip4\":{\"ip\":\"10.88.0.5/16\",\"gateway\":\"10.88.0.1\"},"
                    + "\"ip6\":{\"ip\":\"fd00::5/64\"}}";
            case "0.3.1", "0.4.0" -> PREV.replace("1.0.0", version).replace("\"address\":\"10.88", "\"version\":\"4\",\"address\":\"10.88")
                    .replace("\"address\":\"fd00", "\"version\":\"6\",\"address\":\"fd00");
            default -> PREV.replace("1.0.0", version);
        };
        String c = conf("", prev).replace("\"cniVersion\":\"1.0.0\",\"name\"", "\"cniVersion\":\"" + version + "\",\"name\"");
        Result r = plugin.add(req(Verb.ADD, c));
        assertEquals(2, r.ips().size(), r.toString());
        String t = rules();
        assertTrue(t.contains("-A CNI-FORWARD -s 10.88.0.5/32 -j ACCEPT\n"), t);
        assertTrue(t.contains("-A CNI-FORWARD -d fd00::5/128 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"), t);
        plugin.del(req(Verb.DEL, c));
        assertFalse(rules().contains("10.88.0.5"), rules());
        assertFalse(rules().contains("fd00::5"), rules());
    }

    /**
     * IPv4 goes in, then ip6tables-restore refuses (a regular chain named FORWARD in ip6 filter, as
     * a hand-written nft ruleset can leave): ADD fails with the tool's words and takes the pod's
     * IPv4 rules out again.
     */
    @Test
    void aRefusedChangeFailsNamingTheToolAndLeavesNoPodRules() {
        host.execInput("add table ip6 filter\nadd chain ip6 filter FORWARD\n", "nft", "-f", "-");
        CniException e = assertThrows(CniException.class, () -> plugin.add(req(Verb.ADD, conf("", PREV))));
        assertEquals(HostErrors.CHANGE_REFUSED, e.code());
        assertTrue(e.msg().startsWith("ip6tables-restore: could not add firewall rules for ctr-1"), e.msg());
        assertTrue(e.details().contains("CHAIN_ADD failed"), e.details());
        String v4 = normalise(host.exec("iptables-save", "-t", "filter"));
        assertTrue(v4.contains(":CNI-FORWARD"), v4);
        assertFalse(v4.contains("10.88.0.5"), v4);
    }

    @Test
    void delToleratesMissingPrevResultAndRepeats() throws Exception {
        plugin.del(req(Verb.DEL, conf("", null)));
        String c = conf("", PREV);
        plugin.add(req(Verb.ADD, c));
        plugin.del(req(Verb.DEL, c));
        plugin.del(req(Verb.DEL, c));
        assertFalse(rules().contains("10.88.0.5"), rules());
    }

    @Test
    void checkNamesTheMissingRule() throws Exception {
        String c = conf("", PREV);
        plugin.add(req(Verb.ADD, c));
        host.exec("iptables", "-D", "CNI-FORWARD", "-s", "10.88.0.5/32", "-j", "ACCEPT");
        CniException e = assertThrows(CniException.class, () -> plugin.check(req(Verb.CHECK, c)));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.msg().contains("-s 10.88.0.5/32 -j ACCEPT"), e.msg());
    }

    @Test
    void badInputIsRefusedByFieldAndLeavesNothing() {
        String before = rules();
        record Case(String conf, int code, String field) {
        }
        List<Case> cases = List.of(
                new Case(conf("", null), ErrorCode.INVALID_NETWORK_CONFIG.code(), "prevResult"),
                new Case(conf(",\"backend\":\"bogus\"", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "backend"),
                new Case(conf(",\"backend\":7", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "backend"),
                new Case(conf(",\"ingressPolicy\":\"bogus\"", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "ingressPolicy"),
                new Case(conf(",\"iptablesAdminChainName\":true", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "iptablesAdminChainName"),
                new Case(conf(",\"iptablesAdminChainName\":\"has space\"", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "iptablesAdminChainName"),
                new Case(conf(",\"iptablesAdminChainName\":\"CNI-FORWARD\"", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "iptablesAdminChainName"),
                new Case(conf(",\"iptablesAdminChainName\":\"-j\"", PREV), ErrorCode.INVALID_NETWORK_CONFIG.code(), "iptablesAdminChainName"),
                new Case(conf(",\"ingressPolicy\":\"same-bridge\"", PREV.replace("\"cni0\"", "\"bad name\"")),
                        ErrorCode.INVALID_NETWORK_CONFIG.code(), "prevResult.interfaces[0].name"),
                new Case(conf(",\"backend\":\"firewalld\"", PREV), FirewallErrors.BACKEND_UNAVAILABLE, "backend"));
        for (Case k : cases) {
            CniException e = assertThrows(CniException.class, () -> plugin.add(req(Verb.ADD, k.conf())), k.conf());
            assertEquals(k.code(), e.code(), k.conf() + ": " + e.msg());
            assertTrue(e.msg().startsWith(k.field()), k.conf() + ": " + e.msg());
        }
        assertEquals(before, rules());
    }

    /**
     * There is no system bus here: firewalld is refused on ADD and CHECK with the reason; DEL
     * and GC succeed (no firewalld could hold anything), leaving the host as it was.
     */
    @Test
    void firewalldWithoutASystemBusIsAClearError() throws Exception {
        assertFalse(Firewalld.systemBusExists(Firewalld.SYSTEM_BUS), "this test needs a host without a system bus");
        String before = rules();
        String c = conf(",\"backend\":\"firewalld\"", PREV);
        for (Verb v : List.of(Verb.ADD, Verb.CHECK)) {
            CniException e = assertThrows(CniException.class, () -> {
                if (v == Verb.ADD) {
                    plugin.add(req(v, c));
                } else {
                    plugin.check(req(v, c));
                }
            });
            assertEquals(FirewallErrors.BACKEND_UNAVAILABLE, e.code());
            assertTrue(e.msg().startsWith("backend: firewalld: no firewalld answers on the system bus"), e.msg());
        }
        plugin.del(req(Verb.DEL, c));
        String gc = conf(",\"backend\":\"firewalld\",\"cni.dev/valid-attachments\":[]", null).replace("1.0.0", "1.1.0");
        plugin.gc(Request.builder(Verb.GC).config(gc).build());
        assertEquals(before, rules());
        CniException s = assertThrows(CniException.class, () -> plugin.status(req(Verb.STATUS, c)));
        assertEquals(ErrorCode.NOT_AVAILABLE.code(), s.code());
        assertTrue(s.msg().startsWith("backend: firewalld: "), s.msg());
    }

    /** iptables is installed here and nftables needs no tool: both report ready. */
    @Test
    void statusIsReadyForIptablesAndNftables() throws Exception {
        plugin.status(req(Verb.STATUS, conf(",\"backend\":\"iptables\"", null)));
        plugin.status(req(Verb.STATUS, conf(",\"backend\":\"nftables\"", null)));
    }
}
