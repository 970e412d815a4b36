package io.jcni.plugin.bandwidth;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin in-process against the kernel: a sandbox host namespace, pods wired by hand. */
class BandwidthPluginTest {
    private static final String BOTH = "\"ingressRate\":8000000,\"ingressBurst\":80000,\"egressRate\":16000000,\"egressBurst\":160000";

    private final ShapingLab lab = new ShapingLab();

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private Result add(ScratchNamespace pod, String id, String config) throws CniException {
        return lab.plugin.add(ShapingLab.request(Verb.ADD, id, Optional.of(pod.path()), config));
    }

    @Test
    void addShapesBothDirectionsCheckPassesAndDelRemovesEverything() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw1");
        String config = ShapingLab.config(BOTH, "vethbw1", pod);
        Result r = add(pod, "ctr-1", config);

        String ifb = IfbName.of(ShapingLab.NETWORK, "ctr-1");
        assertEquals(3, r.interfaces().size());
        assertEquals("vethbw1", r.interfaces().get(0).name());
        assertEquals("eth0", r.interfaces().get(1).name());
        assertEquals(ifb, r.interfaces().get(2).name());
        assertNull(r.interfaces().get(2).sandbox());
        assertTrue(r.interfaces().get(2).mac().matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}"), r.interfaces().get(2).mac());
        assertEquals(1, r.ips().size());

        String qdiscs = lab.host.exec("tc", "qdisc", "show");
        assertTrue(qdiscs.contains("qdisc tbf 1: dev vethbw1 root refcnt 3 rate 8Mbit burst 10000b lat 25ms"), qdiscs);
        assertTrue(qdiscs.contains("qdisc ingress ffff: dev vethbw1 parent ffff:fff1"), qdiscs);
        assertTrue(qdiscs.contains("qdisc tbf 1: dev " + ifb + " root refcnt 2 rate 16Mbit burst 20000b lat 25ms"), qdiscs);
        String filters = lab.host.exec("tc", "filter", "show", "dev", "vethbw1", "ingress");
        assertTrue(filters.contains("mirred (Egress Redirect to device " + ifb + ") stolen"), filters);
        String link = lab.host.exec("ip", "-d", "link", "show", ifb);
        assertTrue(link.contains("mtu 1500") && link.contains(",UP,") && link.contains(" ifb "), link);

        lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-1", Optional.of(pod.path()), config));
        lab.plugin.status(ShapingLab.request(Verb.STATUS, "", Optional.empty(), config));

        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-1", Optional.of(pod.path()), config));
        assertEquals("", lab.ifbs());
        String after = lab.host.exec("tc", "qdisc", "show", "dev", "vethbw1");
        assertFalse(after.contains("tbf") || after.contains("ingress"), after);
        // Again, and without netns or prevResult.
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-1", Optional.of(pod.path()), config));
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-1", Optional.empty(),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"" + ShapingLab.NETWORK + "\",\"type\":\"bandwidth\"}"));
    }

    @Test
    void checkFailsWhenTheQdiscDiffersOrTheIfbIsGone() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw2");
        String config = ShapingLab.config(BOTH, "vethbw2", pod);
        add(pod, "ctr-2", config);
        lab.host.exec("tc", "qdisc", "replace", "dev", "vethbw2", "root", "handle", "1:", "tbf", "rate", "9mbit",
                "burst", "10000", "latency", "25ms");
        CniException e = assertThrows(CniException.class,
                () -> lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-2", Optional.of(pod.path()), config)));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.getMessage().startsWith("vethbw2: tbf is rate 1125000 B/s"), e.getMessage());

        String ifb = IfbName.of(ShapingLab.NETWORK, "ctr-2");
        lab.host.exec("ip", "link", "del", ifb);
        String egressOnly = ShapingLab.config("\"egressRate\":16000000,\"egressBurst\":160000", "vethbw2", pod);
        e = assertThrows(CniException.class,
                () -> lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-2", Optional.of(pod.path()), egressOnly)));
        assertEquals("ifb " + ifb + ": not found", e.getMessage());
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-2", Optional.of(pod.path()), config));
    }

    @Test
    void capabilityWithContainerdsGoFieldNamesAndUnsetBurst() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw3");
        String config = ShapingLab.config("\"capabilities\":{\"bandwidth\":true},\"runtimeConfig\":{\"bandwidth\":"
                + "{\"IngressRate\":8000000,\"IngressBurst\":4294967295,\"EgressRate\":4000000,\"EgressBurst\":4294967295}}",
                "vethbw3", pod);
        Result r = add(pod, "ctr-3", config);
        assertEquals(3, r.interfaces().size());
        String qdiscs = lab.host.exec("tc", "qdisc", "show");
        assertTrue(qdiscs.contains("dev vethbw3 root refcnt 3 rate 8Mbit"), qdiscs);
        assertTrue(qdiscs.contains("root refcnt 2 rate 4Mbit"), qdiscs);
        lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-3", Optional.of(pod.path()), config));
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-3", Optional.of(pod.path()), config));
        assertEquals("", lab.ifbs());
    }

    @Test
    void topLevelKeysWinOverTheCapability() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw4");
        String config = ShapingLab.config("\"ingressRate\":8000000,\"ingressBurst\":80000,"
                + "\"runtimeConfig\":{\"bandwidth\":{\"egressRate\":4000000,\"egressBurst\":80000}}", "vethbw4", pod);
        Result r = add(pod, "ctr-4", config);
        assertEquals(2, r.interfaces().size());
        assertEquals("", lab.ifbs());
        assertTrue(lab.host.exec("tc", "qdisc", "show", "dev", "vethbw4").contains("rate 8Mbit"));
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-4", Optional.of(pod.path()), config));

        // As in the reference releases with subnets: a top-level subnet list alone hides the capability.
        String subnetsOnly = ShapingLab.config("\"unshapedSubnets\":[\"10.0.0.0/8\"],"
                + "\"runtimeConfig\":{\"bandwidth\":{\"egressRate\":4000000,\"egressBurst\":80000}}", "vethbw4", pod);
        assertEquals(2, add(pod, "ctr-4", subnetsOnly).interfaces().size());
        assertEquals("", lab.ifbs());
    }

    @Test
    void nothingToShapePassesPrevResultThrough() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw5");
        String config = ShapingLab.config("\"ingressRate\":0,\"ingressBurst\":0", "vethbw5", pod);
        Result r = add(pod, "ctr-5", config);
        assertEquals(2, r.interfaces().size());
        assertEquals("10.98.0.2/24", r.ips().getFirst().address().toString());
        assertFalse(lab.host.exec("tc", "qdisc", "show").contains("tbf"));
        assertEquals(r, add(pod, "ctr-5", ShapingLab.config("", "vethbw5", pod)));
    }

    @Test
    void unshapedSubnetsGiveTheHtbLayoutWithFiltersToTheUnshapedClass() throws Exception {
        ScratchNamespace pod = lab.pod("vethbwd");
        String config = ShapingLab.config(BOTH + ",\"unshapedSubnets\":[\"10.1.2.3/16\",\"fd00:1::/64\"]", "vethbwd", pod);
        Result r = add(pod, "ctr-d", config);
        String ifb = IfbName.of(ShapingLab.NETWORK, "ctr-d");
        assertEquals(ifb, r.interfaces().get(2).name());
        for (String dev : new String[] {"vethbwd", ifb}) {
            String qdisc = lab.host.exec("tc", "qdisc", "show", "dev", dev);
            assertTrue(qdisc.contains("qdisc htb 1: root") && qdisc.contains("r2q 10 default 0x30"), qdisc);
            String classes = lab.host.exec("tc", "class", "show", "dev", dev);
            assertTrue(classes.contains("class htb 1:1 root prio 0 rate 800Gbit ceil 800Gbit"), classes);
            String filters = lab.host.exec("tc", "filter", "show", "dev", dev);
            assertTrue(filters.contains("filter parent 1: protocol ip pref 16 u32"), filters);
            assertTrue(filters.contains("match 0a010000/ffff0000 at 16"), filters); // host bits dropped
            assertTrue(filters.contains("filter parent 1: protocol ipv6 pref 15 u32"), filters);
            assertTrue(filters.contains("match fd000001/ffffffff at 24") && filters.contains("match 00000000/ffffffff at 28"), filters);
            assertTrue(filters.contains("*flowid 1:1"), filters);
        }
        assertTrue(lab.host.exec("tc", "class", "show", "dev", "vethbwd")
                .contains("class htb 1:30 root prio 0 rate 8Mbit ceil 16Mbit burst 10000b"));
        assertTrue(lab.host.exec("tc", "class", "show", "dev", ifb)
                .contains("class htb 1:30 root prio 0 rate 16Mbit ceil 32Mbit burst 20000b"));
        // The htb's leaf queues take their length from the device: 0 would drop everything.
        assertTrue(lab.host.exec("ip", "link", "show", ifb).contains("qlen 1000"), lab.host.exec("ip", "link", "show", ifb));
        lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-d", Optional.of(pod.path()), config));

        lab.host.exec("tc", "filter", "del", "dev", ifb, "parent", "1:", "pref", "15");
        CniException e = assertThrows(CniException.class,
                () -> lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-d", Optional.of(pod.path()), config)));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertTrue(e.getMessage().startsWith(ifb + ": u32 filter pref 15 to class 1:1 matching"), e.getMessage());

        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-d", Optional.of(pod.path()), config));
        assertEquals("", lab.ifbs());
        String after = lab.host.exec("tc", "qdisc", "show", "dev", "vethbwd");
        assertFalse(after.contains("htb") || after.contains("ingress"), after);
    }

    @Test
    void shapedSubnetsSendOnlyThoseToTheShapedClass() throws Exception {
        ScratchNamespace pod = lab.pod("vethbwe");
        String config = ShapingLab.config("\"ingressRate\":8000000,\"ingressBurst\":80000,"
                + "\"shapedSubnets\":[\"0.0.0.0/0\",\"192.0.2.0/24\"]", "vethbwe", pod);
        add(pod, "ctr-e", config);
        String qdisc = lab.host.exec("tc", "qdisc", "show", "dev", "vethbwe");
        assertTrue(qdisc.contains("default 0x1 "), qdisc);
        String filters = lab.host.exec("tc", "filter", "show", "dev", "vethbwe");
        assertTrue(filters.contains("match 00000000/00000000 at 0"), filters); // 0.0.0.0/0: everything
        assertTrue(filters.contains("match c0000200/ffffff00 at 16"), filters);
        assertFalse(filters.contains("flowid 1:1 "), filters);
        assertTrue(filters.contains("*flowid 1:30"), filters);
        lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-e", Optional.of(pod.path()), config));
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-e", Optional.of(pod.path()), config));
        assertFalse(lab.host.exec("tc", "qdisc", "show", "dev", "vethbwe").contains("htb"));
    }

    @Test
    void legacyVersionsHaveNoInterfacesToFindTheHostVethBy() throws Exception {
        ScratchNamespace pod = lab.pod("vethbwb");
        String config = "{\"cniVersion\":\"0.2.0\",\"name\":\"" + ShapingLab.NETWORK + "\",\"type\":\"bandwidth\","
                + BOTH + ",\"prevResult\":{\"cniVersion\":\"0.2.0\",\"ip4\":{\"ip\":\"10.98.0.2/24\"}}}";
        CniException e = assertThrows(CniException.class, () -> add(pod, "ctr-b", config));
        assertEquals(BandwidthErrors.NO_HOST_INTERFACE, e.code());
        assertEquals("prevResult: lists no interfaces; bandwidth must follow a plugin that creates a veth pair", e.getMessage());
        assertEquals("", lab.ifbs());
    }

    @Test
    void aFailedAddLeavesNothingBehind() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw6");
        // Someone else's ingress qdisc: the egress redirect cannot be installed.
        lab.host.exec("tc", "qdisc", "add", "dev", "vethbw6", "ingress");
        String config = ShapingLab.config(BOTH, "vethbw6", pod);
        CniException e = assertThrows(CniException.class, () -> add(pod, "ctr-6", config));
        assertEquals(HostErrors.CHANGE_REFUSED, e.code());
        assertEquals("shape egress: add ingress qdisc on vethbw6", e.msg());
        assertTrue(e.details().contains("EEXIST"), e.details()); // the kernel's words
        assertEquals("", lab.ifbs());
        String qdiscs = lab.host.exec("tc", "qdisc", "show", "dev", "vethbw6");
        assertFalse(qdiscs.contains("tbf"), qdiscs);
        assertTrue(qdiscs.contains("qdisc ingress ffff:"), qdiscs); // not ours: untouched
    }

    @Test
    void delSucceedsAfterThePodNamespaceVanished() throws Exception {
        ScratchNamespace pod = lab.pod("vethbw7");
        String config = ShapingLab.config(BOTH, "vethbw7", pod);
        add(pod, "ctr-7", config);
        lab.removePod(pod);
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-7", Optional.of(pod.path()), config));
        assertEquals("", lab.ifbs());
    }

    @Test
    void gcRemovesTheIfbOfAttachmentsNoLongerListed() throws Exception {
        ScratchNamespace a = lab.pod("vethbw8");
        ScratchNamespace b = lab.pod("vethbw9");
        add(a, "ctr-8", ShapingLab.config(BOTH, "vethbw8", a));
        add(b, "ctr-9", ShapingLab.config(BOTH, "vethbw9", b));
        // Another network's device stays.
        lab.host.exec("ip", "link", "add", "bwpother", "type", "ifb");
        lab.host.exec("ip", "link", "set", "bwpother", "alias", "jcni:other-net:ctr-8:eth0");
        // So does one without our alias (the reference's): its name does not say whose it is.
        lab.host.exec("ip", "link", "add", "bwpreference", "type", "ifb");
        lab.plugin.gc(ShapingLab.request(Verb.GC, "", Optional.empty(), "{\"cniVersion\":\"1.1.0\",\"name\":\""
                + ShapingLab.NETWORK + "\",\"type\":\"bandwidth\",\"cni.dev/valid-attachments\":"
                + "[{\"containerID\":\"ctr-9\",\"ifname\":\"eth0\"}]}"));
        String ifbs = lab.ifbs();
        assertFalse(ifbs.contains(IfbName.of(ShapingLab.NETWORK, "ctr-8")), ifbs);
        assertTrue(ifbs.contains(IfbName.of(ShapingLab.NETWORK, "ctr-9")), ifbs);
        assertTrue(ifbs.contains("bwpother"), ifbs);
        assertTrue(ifbs.contains("bwpreference"), ifbs);
    }

    @Test
    void theReferenceChecksAndDeletesWhatWeAdded() throws Exception {
        ScratchNamespace pod = lab.pod("vethbwa");
        String config = ShapingLab.config(BOTH, "vethbwa", pod);
        add(pod, "ctr-a", config);
        String ours = lab.tcState("vethbwa");
        ShapingLab.Outcome check = lab.reference("CHECK", "ctr-a", pod.path().toString(), config);
        assertEquals(0, check.exit(), check.stdout());
        ShapingLab.Outcome del = lab.reference("DEL", "ctr-a", pod.path().toString(), config);
        assertEquals(0, del.exit(), del.stdout());
        assertEquals("", lab.ifbs());

        // And the other way round: the reference's ADD gives the same tc state; we check and delete it.
        lab.host.exec("tc", "qdisc", "del", "dev", "vethbwa", "root");
        lab.host.exec("tc", "qdisc", "del", "dev", "vethbwa", "ingress");
        ShapingLab.Outcome add = lab.reference("ADD", "ctr-a", pod.path().toString(), config);
        assertEquals(0, add.exit(), add.stdout());
        assertTrue(add.stdout().contains(IfbName.of(ShapingLab.NETWORK, "ctr-a")), add.stdout());
        assertEquals(normalise(ours), normalise(lab.tcState("vethbwa")));
        lab.plugin.check(ShapingLab.request(Verb.CHECK, "ctr-a", Optional.of(pod.path()), config));
        lab.plugin.del(ShapingLab.request(Verb.DEL, "ctr-a", Optional.of(pod.path()), config));
        assertEquals("", lab.ifbs());
        String qdiscs = lab.host.exec("tc", "qdisc", "show", "dev", "vethbwa");
        assertFalse(qdiscs.contains("tbf") || qdiscs.contains("ingress"), qdiscs);
    }

    /** Action indexes are global counters: they differ between runs, nothing else may. */
    private static String normalise(String tc) {
        return tc.replaceAll("index \\d+ ref", "index N ref");
    }
}
