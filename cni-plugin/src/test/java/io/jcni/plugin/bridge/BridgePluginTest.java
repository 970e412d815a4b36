package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.plugin.rules.AttachmentRuleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin in-process against the kernel: a sandbox host namespace and pod namespaces per test. */
class BridgePluginTest {
    @TempDir
    Path tmp;
    private BridgeLab lab;

    @BeforeEach
    void setUp() {
        lab = new BridgeLab(tmp);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private Result add(ScratchNamespace pod, String id, String config) throws CniException {
        return lab.plugin.add(BridgeLab.request(Verb.ADD, id, Optional.of(pod.path()), config));
    }

    private static String withPrev(String config, Result r) throws CniException {
        String prev = new String(ResultCodec.write(r, io.jcni.conf.CniVersion.V1_0_0), StandardCharsets.UTF_8);
        return config.substring(0, config.length() - 1) + ",\"prevResult\":" + prev + "}";
    }

    @Test
    void addConnectsThePodAndDelRemovesEverything() throws Exception {
        ScratchNamespace pod = lab.pod();
        String config = lab.config("\"isDefaultGateway\":true,\"ipMasq\":true");
        Result r = add(pod, "ctr-1", config);

        String hostVeth = HostVethName.of("ctr-1", "eth0");
        assertEquals(3, r.interfaces().size());
        assertEquals(lab.bridge, r.interfaces().get(0).name());
        assertEquals(hostVeth, r.interfaces().get(1).name());
        assertEquals("eth0", r.interfaces().get(2).name());
        assertEquals(pod.path().toString(), r.interfaces().get(2).sandbox());
        assertNull(r.interfaces().get(1).sandbox());
        assertEquals(2, r.ips().size());
        assertEquals("10.99.0.2/24", r.ips().get(0).address().toString());
        assertEquals("10.99.0.1", r.ips().get(0).gateway().getHostAddress());
        assertEquals("fd00:99::2/64", r.ips().get(1).address().toString());
        r.ips().forEach(ip -> assertEquals(2, ip.interfaceIndex()));

        String podAddrs = pod.exec("ip", "-o", "addr", "show", "dev", "eth0");
        assertTrue(podAddrs.contains("inet 10.99.0.2/24"), podAddrs);
        assertTrue(podAddrs.contains("inet6 fd00:99::2/64"), podAddrs);
        assertFalse(podAddrs.contains("tentative"), podAddrs);
        assertTrue(pod.exec("ip", "route").contains("default via 10.99.0.1 dev eth0"), pod.exec("ip", "route"));
        assertTrue(pod.exec("ip", "-6", "route").contains("default via fd00:99::1 dev eth0"), pod.exec("ip", "-6", "route"));
        String br = lab.host.exec("ip", "-o", "addr", "show", "dev", lab.bridge);
        assertTrue(br.contains("inet 10.99.0.1/24"), br);
        assertTrue(br.contains("inet6 fd00:99::1/64"), br);
        assertFalse(br.contains("tentative"), br);
        assertTrue(lab.host.exec("ip", "-o", "link", "show", hostVeth).contains("master " + lab.bridge));
        assertEquals("1\n", lab.host.exec("cat", "/proc/sys/net/ipv4/ip_forward"));
        assertEquals("1\n", lab.host.exec("cat", "/proc/sys/net/ipv6/conf/all/forwarding"));
        assertEquals("0\n", lab.host.exec("cat", "/proc/sys/net/ipv6/conf/" + lab.bridge + "/accept_ra"));
        assertEquals("1\n", pod.exec("cat", "/proc/sys/net/ipv4/conf/eth0/arp_notify"));
        // Usable at once: no DAD wait on either end.
        pod.exec("ping", "-c", "1", "-W", "2", "10.99.0.1");
        pod.exec("ping", "-6", "-c", "1", "-W", "2", "fd00:99::1");
        String chain = new AttachmentRuleId(BridgeLab.NETWORK, "ctr-1", "eth0").iptablesChain();
        assertTrue(lab.host.exec("iptables-save", "-t", "nat").contains("-A POSTROUTING -s 10.99.0.2/32"));
        assertTrue(lab.host.exec("ip6tables-save", "-t", "nat").contains(chain));
        assertTrue(lab.reserved("10.99.0.2"));

        lab.plugin.check(BridgeLab.request(Verb.CHECK, "ctr-1", Optional.of(pod.path()), withPrev(config, r)));

        lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-1", Optional.of(pod.path()), config));
        assertEquals(1, lab.host.status("ip", "link", "show", hostVeth));
        assertEquals(1, pod.status("ip", "link", "show", "eth0"));
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"));
        assertFalse(lab.host.exec("ip6tables-save", "-t", "nat").contains("CNI-"));
        assertFalse(lab.reserved("10.99.0.2"));
        assertFalse(lab.reserved("fd00:99::2"));
        // The bridge is shared by all pods and stays.
        assertEquals(0, lab.host.status("ip", "link", "show", lab.bridge));
    }

    @Test
    void delSucceedsWithTheNamespaceGoneWithoutNetnsAndTwiceAndStillCleansUp() throws Exception {
        ScratchNamespace pod = lab.pod();
        String config = lab.config("\"isGateway\":true,\"ipMasq\":true");
        add(pod, "ctr-2", config);
        lab.removePod(pod);
        lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-2", Optional.of(pod.path()), config));
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"));
        assertFalse(lab.reserved("10.99.0.2"));
        lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-2", Optional.empty(), config));
        lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-never", Optional.empty(), config));
    }

    @Test
    void delWithEmptyNetnsRemovesTheMasqueradeRulesAndReservation() throws Exception {
        ScratchNamespace pod = lab.pod();
        String config = lab.config("\"isGateway\":true,\"ipMasq\":true,\"ipMasqBackend\":\"nftables\"");
        add(pod, "ctr-3", config);
        assertTrue(lab.host.exec("nft", "list", "ruleset").contains("10.99.0.2"));
        lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-3", Optional.empty(), config));
        assertFalse(lab.host.exec("nft", "list", "ruleset").contains("10.99.0.2"));
        assertFalse(lab.reserved("10.99.0.2"));
    }

    @Test
    void addFailsWhenThePodInterfaceExistsAndKeepsNothing() throws Exception {
        ScratchNamespace pod = lab.pod();
        pod.exec("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "other0");
        CniException e = assertThrows(CniException.class, () -> add(pod, "ctr-4", lab.config("\"ipMasq\":true")));
        assertEquals(HostErrors.ALREADY_EXISTS, e.code());
        assertTrue(e.msg().contains("eth0 already exists"), e.msg());
        assertEquals(1, lab.host.status("ip", "link", "show", HostVethName.of("ctr-4", "eth0")));
        assertFalse(lab.reserved("10.99.0.2"));
    }

    @Test
    void aFailureAfterIpamRollsBackVethAddressesRulesAndReservation() throws Exception {
        // A bridge that already has another IPv4 address makes the gateway step fail (no forceAddress).
        lab.host.exec("ip", "link", "add", lab.bridge, "type", "bridge");
        lab.host.exec("ip", "addr", "add", "192.0.2.1/24", "dev", lab.bridge);
        ScratchNamespace pod = lab.pod();
        CniException e = assertThrows(CniException.class,
                () -> add(pod, "ctr-5", lab.config("\"isGateway\":true,\"ipMasq\":true")));
        assertEquals(HostErrors.ALREADY_EXISTS, e.code());
        assertTrue(e.msg().startsWith("isGateway: bridge " + lab.bridge + " already has 192.0.2.1/24"), e.msg());
        assertEquals(1, pod.status("ip", "link", "show", "eth0"));
        assertEquals(1, lab.host.status("ip", "link", "show", HostVethName.of("ctr-5", "eth0")));
        assertFalse(lab.reserved("10.99.0.2"));
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"));
    }

    @Test
    void forceAddressReplacesTheBridgesOtherAddress() throws Exception {
        lab.host.exec("ip", "link", "add", lab.bridge, "type", "bridge");
        lab.host.exec("ip", "addr", "add", "192.0.2.1/24", "dev", lab.bridge);
        add(lab.pod(), "ctr-6", lab.config("\"isGateway\":true,\"forceAddress\":true"));
        String br = lab.host.exec("ip", "-4", "-o", "addr", "show", "dev", lab.bridge);
        assertTrue(br.contains("10.99.0.1/24"), br);
        assertFalse(br.contains("192.0.2.1"), br);
    }

    @Test
    void vlanOptionsFailOnThisKernelNamingTheOptionAndKeepNothing() throws Exception {
        ScratchNamespace pod = lab.pod();
        CniException e = assertThrows(CniException.class, () -> add(pod, "ctr-7", lab.config("\"vlan\":12")));
        assertEquals(HostErrors.UNSUPPORTED_BY_KERNEL, e.code());
        assertTrue(e.msg().startsWith("vlan: "), e.msg());
        e = assertThrows(CniException.class, () -> add(pod, "ctr-7", lab.config("\"vlanTrunk\":[{\"id\":5}]")));
        assertTrue(e.msg().startsWith("vlanTrunk: "), e.msg());
        assertEquals(1, lab.host.status("ip", "link", "show", lab.bridge));
        assertEquals(1, pod.status("ip", "link", "show", "eth0"));
        assertFalse(lab.reserved("10.99.0.2"));
        // An existing bridge cannot be switched to VLAN filtering here either.
        lab.host.exec("ip", "link", "add", lab.bridge, "type", "bridge");
        e = assertThrows(CniException.class, () -> add(pod, "ctr-7", lab.config("\"vlan\":12")));
        assertEquals(HostErrors.UNSUPPORTED_BY_KERNEL, e.code());
        assertEquals(1, pod.status("ip", "link", "show", "eth0"));
    }

    @Test
    void aVlanGatewayIsRefusedOnThisKernelBeforeAnythingIsMade() throws Exception {
        ScratchNamespace pod = lab.pod();
        // No bridge yet: creating it with VLAN filtering is refused.
        assertVlanGatewayRefusedLeavingNothing(pod, "\"isGateway\":true,\"vlan\":12");
        assertEquals(1, lab.host.status("ip", "link", "show", lab.bridge));
        // A plain bridge exists: turning on its VLAN filtering is refused, and it gets no gateway.
        lab.host.exec("ip", "link", "add", lab.bridge, "type", "bridge");
        assertVlanGatewayRefusedLeavingNothing(pod,
                "\"isDefaultGateway\":true,\"ipMasq\":true,\"vlan\":12,\"preserveDefaultVlan\":false");
        assertEquals("", lab.host.exec("ip", "-4", "-o", "addr", "show", "dev", lab.bridge).trim());
        assertFalse(lab.host.exec("ip", "-6", "-o", "addr", "show", "dev", lab.bridge).contains("fd00:99::"));
    }

    private void assertVlanGatewayRefusedLeavingNothing(ScratchNamespace pod, String extra) {
        String gateway = VlanGateway.name(lab.bridge, 12);
        CniException e = assertThrows(CniException.class, () -> add(pod, "ctr-17", lab.config(extra)));
        assertEquals(HostErrors.UNSUPPORTED_BY_KERNEL, e.code());
        assertTrue(e.msg().startsWith("vlan: "), e.msg());
        assertEquals(1, pod.status("ip", "link", "show", "eth0"));
        assertEquals(1, lab.host.status("ip", "link", "show", HostVethName.of("ctr-17", "eth0")));
        assertEquals(1, lab.host.status("ip", "link", "show", gateway));
        assertEquals(1, lab.host.status("ip", "link", "show", HostVethName.ofVlanGateway(gateway)));
        assertFalse(lab.reserved("10.99.0.2"));
        assertFalse(lab.reserved("fd00:99::2"));
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"));
    }

    @Test
    void checkWantsTheVlanGatewayOfAPrevResultToExistButNotToBeAPort() throws Exception {
        // ADD with a VLAN gateway cannot run here; its prevResult is the plain one plus the
        // reference's fourth interface, <bridge>.<vid>, checked under the same config with vlan.
        ScratchNamespace pod = lab.pod();
        Result r = add(pod, "ctr-18", lab.config("\"isGateway\":true"));
        String gateway = VlanGateway.name(lab.bridge, 12);
        List<io.jcni.conf.result.Interface> is = new java.util.ArrayList<>(r.interfaces());
        is.add(new io.jcni.conf.result.Interface(gateway, "", null));
        Result withGateway = new Result(is, r.ips(), r.routes(), r.dns());
        Request check = BridgeLab.request(Verb.CHECK, "ctr-18", Optional.of(pod.path()),
                withPrev(lab.config("\"isGateway\":true,\"vlan\":12"), withGateway));
        CniException e = assertThrows(CniException.class, () -> lab.plugin.check(check));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertEquals("VLAN gateway " + gateway + ": not found", e.msg());
        lab.host.exec("ip", "link", "add", gateway, "type", "veth", "peer", "name", "jtvgpeer");
        lab.plugin.check(check);
    }

    @Test
    void anExistingNonBridgeLinkIsAnErrorNamingTheOption() throws Exception {
        lab.host.exec("ip", "link", "add", lab.bridge, "type", "veth", "peer", "name", "other0");
        CniException e = assertThrows(CniException.class, () -> add(lab.pod(), "ctr-8", lab.config("")));
        assertEquals(7, e.code());
        assertTrue(e.msg().startsWith("bridge: \"" + lab.bridge + "\" already exists but is a veth"), e.msg());
        assertFalse(lab.reserved("10.99.0.2"));
    }

    @Test
    void portOptionsMtuAndMacAreApplied() throws Exception {
        ScratchNamespace pod = lab.pod();
        Result r = add(pod, "ctr-9", lab.config("\"mtu\":1400,\"hairpinMode\":true,\"portIsolation\":true,"
                + "\"runtimeConfig\":{\"mac\":\"0a:58:0a:63:00:09\"}"));
        String hostVeth = HostVethName.of("ctr-9", "eth0");
        String port = lab.host.exec("bridge", "-d", "link", "show", "dev", hostVeth);
        assertTrue(port.contains("hairpin on"), port);
        assertTrue(port.contains("isolated on"), port);
        assertTrue(pod.exec("ip", "link", "show", "eth0").contains("mtu 1400"));
        assertTrue(lab.host.exec("ip", "link", "show", lab.bridge).contains("mtu 1400"));
        assertTrue(pod.exec("ip", "link", "show", "eth0").contains("link/ether 0a:58:0a:63:00:09"));
        assertEquals("0a:58:0a:63:00:09", r.interfaces().get(2).mac());
        assertTrue(lab.host.exec("ip", "-d", "link", "show", hostVeth).contains("alias jcni:" + BridgeLab.NETWORK + ":ctr-9:eth0"));
    }

    @Test
    void checkNamesWhatDiffers() throws Exception {
        ScratchNamespace pod = lab.pod();
        String config = lab.config("\"isDefaultGateway\":true,\"ipMasq\":true");
        Result r = add(pod, "ctr-10", config);
        Request check = BridgeLab.request(Verb.CHECK, "ctr-10", Optional.of(pod.path()), withPrev(config, r));
        lab.plugin.check(check);
        pod.exec("ip", "addr", "del", "10.99.0.2/24", "dev", "eth0");
        CniException e = assertThrows(CniException.class, () -> lab.plugin.check(check));
        assertEquals(HostErrors.STATE_DIFFERS, e.code());
        assertEquals("interface eth0: address 10.99.0.2/24 is missing", e.msg());
        pod.exec("ip", "addr", "add", "10.99.0.2/24", "dev", "eth0");
        e = assertThrows(CniException.class, () -> lab.plugin.check(check));
        assertEquals("interface eth0: route to 0.0.0.0/0 via 10.99.0.1 is missing", e.msg());
        pod.exec("ip", "route", "add", "default", "via", "10.99.0.1");
        lab.plugin.check(check);
        lab.host.exec("iptables", "-t", "nat", "-F", "POSTROUTING");
        e = assertThrows(CniException.class, () -> lab.plugin.check(check));
        assertTrue(e.msg().startsWith("masquerade: rule missing"), e.msg());
        CniException noPrev = assertThrows(CniException.class, () -> lab.plugin.check(
                BridgeLab.request(Verb.CHECK, "ctr-10", Optional.of(pod.path()), config)));
        assertEquals(7, noPrev.code());
    }

    @Test
    void gcReleasesAttachmentsThatAreNoLongerValid() throws Exception {
        ScratchNamespace keep = lab.pod();
        ScratchNamespace gone = lab.pod();
        String config = lab.config("\"isGateway\":true,\"ipMasq\":true");
        add(keep, "ctr-keep", config);
        add(gone, "ctr-gone", config);
        String gc = config.substring(0, config.length() - 1).replace("\"cniVersion\":\"1.0.0\"", "\"cniVersion\":\"1.1.0\"")
                + ",\"cni.dev/valid-attachments\":[{\"containerID\":\"ctr-keep\",\"ifname\":\"eth0\"}]}";
        lab.plugin.gc(BridgeLab.request(Verb.GC, "", Optional.empty(), gc));
        assertTrue(lab.reserved("10.99.0.2"));
        assertFalse(lab.reserved("10.99.0.3"));
        String nat = lab.host.exec("iptables-save", "-t", "nat");
        assertTrue(nat.contains("-s 10.99.0.2/32"), nat);
        assertFalse(nat.contains("-s 10.99.0.3/32"), nat);
        // The orphaned host veth of the gone attachment is removed; the valid one stays.
        assertEquals(1, lab.host.status("ip", "link", "show", HostVethName.of("ctr-gone", "eth0")));
        assertEquals(0, lab.host.status("ip", "link", "show", HostVethName.of("ctr-keep", "eth0")));
    }

    @Test
    void statusIsReadyUnlessIpamIsExhausted() throws Exception {
        String small = lab.config("1.1.0", "", "[[{\"subnet\":\"10.98.0.0/30\"}]]");
        lab.plugin.status(BridgeLab.request(Verb.STATUS, "", Optional.empty(), small));
        add(lab.pod(), "ctr-11", small);
        CniException e = assertThrows(CniException.class,
                () -> lab.plugin.status(BridgeLab.request(Verb.STATUS, "", Optional.empty(), small)));
        assertEquals(50, e.code());
    }

    @Test
    void twoPodsOnOneBridgeReachEachOther() throws Exception {
        ScratchNamespace a = lab.pod();
        ScratchNamespace b = lab.pod();
        String config = lab.config("\"isGateway\":true");
        add(a, "ctr-a", config);
        add(b, "ctr-b", config);
        a.exec("ping", "-c", "1", "-W", "2", "10.99.0.3");
        a.exec("ping", "-6", "-c", "1", "-W", "2", "fd00:99::3");
    }

    @Test
    void isolatedPodsCannotTalkButReachTheGateway() throws Exception {
        ScratchNamespace a = lab.pod();
        ScratchNamespace b = lab.pod();
        String config = lab.config("\"isGateway\":true,\"portIsolation\":true");
        add(a, "ctr-a", config);
        add(b, "ctr-b", config);
        a.exec("ping", "-c", "1", "-W", "2", "10.99.0.1");
        assertEquals(1, a.status("ping", "-c", "1", "-W", "1", "10.99.0.3"));
    }

    @Test
    void macSpoofCheckDropsFramesFromAnotherMac() throws Exception {
        ScratchNamespace pod = lab.pod();
        String config = lab.config("\"isGateway\":true,\"macspoofchk\":true");
        add(pod, "ctr-12", config);
        pod.exec("ping", "-c", "1", "-W", "2", "10.99.0.1");
        pod.exec("ip", "link", "set", "eth0", "address", "0a:58:0a:63:00:99");
        pod.exec("ip", "neigh", "flush", "all");
        assertEquals(1, pod.status("ping", "-c", "1", "-W", "1", "10.99.0.1"));
        lab.plugin.del(BridgeLab.request(Verb.DEL, "ctr-12", Optional.of(pod.path()), config));
        assertFalse(lab.host.exec("nft", "list", "table", "bridge", "nat").contains("ctr-12"));
    }

    @Test
    void enabledadKeepsDuplicateAddressDetectionUnlessHairpinWouldBreakIt() throws Exception {
        ScratchNamespace plain = lab.pod();
        add(plain, "ctr-13", lab.config("\"isGateway\":true"));
        assertTrue(plain.exec("ip", "-6", "addr", "show", "dev", "eth0").contains("fd00:99::2/64 scope global nodad"));
        assertEquals("0\n", plain.exec("cat", "/proc/sys/net/ipv6/conf/eth0/accept_dad"));

        ScratchNamespace dad = lab.pod();
        add(dad, "ctr-14", lab.config("\"isGateway\":true,\"enabledad\":true"));
        String addrs = dad.exec("ip", "-6", "addr", "show", "dev", "eth0");
        assertTrue(addrs.contains("fd00:99::3/64 scope global"), addrs);
        assertFalse(addrs.contains("nodad"), addrs);
        assertEquals("1\n", dad.exec("cat", "/proc/sys/net/ipv6/conf/eth0/accept_dad"));

        ScratchNamespace hairpin = lab.pod();
        add(hairpin, "ctr-15", lab.config("\"isGateway\":true,\"enabledad\":true,\"hairpinMode\":true"));
        assertTrue(hairpin.exec("ip", "-6", "addr", "show", "dev", "eth0").contains("nodad"));
    }

    /** Runtimes run ADDs of different pods at once: the first ones race to create the bridge and the chains. */
    @Test
    void concurrentAddsAndDelsOfDifferentPodsAllSucceed() throws Exception {
        int n = 4;
        List<ScratchNamespace> pods = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(lab.pod());
        }
        String config = lab.config("\"isGateway\":true,\"ipMasq\":true");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            List<java.util.concurrent.Future<Result>> adds = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                ScratchNamespace pod = pods.get(i);
                String id = "ctr-c" + i;
                adds.add(pool.submit(() -> add(pod, id, config)));
            }
            java.util.Set<String> addresses = new java.util.HashSet<>();
            for (var f : adds) {
                addresses.add(f.get().ips().getFirst().address().toString());
            }
            assertEquals(n, addresses.size(), addresses.toString());
            for (ScratchNamespace pod : pods) {
                pod.exec("ping", "-c", "1", "-W", "2", "10.99.0.1");
            }
            List<java.util.concurrent.Future<Object>> dels = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                ScratchNamespace pod = pods.get(i);
                String id = "ctr-c" + i;
                dels.add(pool.submit(() -> {
                    lab.plugin.del(BridgeLab.request(Verb.DEL, id, Optional.of(pod.path()), config));
                    return null;
                }));
            }
            for (var f : dels) {
                f.get();
            }
        }
        assertFalse(lab.host.exec("iptables-save", "-t", "nat").contains("CNI-"), lab.host.exec("iptables-save", "-t", "nat"));
        assertEquals("", lab.host.exec("ip", "-o", "link", "show", "type", "veth"));
    }
}
