package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every link operation against the kernel, inside namespaces the extension creates and removes. */
@ExtendWith(ScratchNamespaceExtension.class)
class LinksTest {
    private static final MacAddress MAC1 = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress MAC2 = MacAddress.parse("02:00:00:00:00:02");
    private static final MacAddress MAC3 = MacAddress.parse("02:00:00:00:00:03");

    @Test
    void addsABridgeWithMtuAndMac(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("jbr0").withMtu(1400).withMac(MAC1));
            assertEquals("jbr0", br.name());
            assertEquals(Optional.of("bridge"), br.kind());
            assertEquals(1400, br.mtu());
            assertEquals(Optional.of(MAC1), br.mac());
            assertEquals(Optional.of(false), br.bridgeVlanFiltering());
            assertFalse(br.isUp());
            assertEquals(OperState.DOWN, br.operState());
            assertEquals(br, nl.links().get(br.index()));
            assertEquals(List.of("jbr0", "lo"), nl.links().list().stream().map(Link::name).sorted().toList());
        }
    }

    @Test
    void bridgeVlanFilteringIsRefusedAsATypedErrorOnThisKernel(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> nl.links().add(Bridge.named("jbr1").withVlanFiltering(true)));
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            assertEquals("bridge jbr1", e.object());
            assertTrue(e.getMessage().startsWith("add bridge jbr1 failed: EOPNOTSUPP"), e.getMessage());
            assertTrue(nl.links().find("jbr1").isEmpty(), "a refused bridge must not exist");
        }
    }

    @Test
    void addsAVethPairWithMtuAndMacsOnBothEnds(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link a = nl.links().add(Veth.named("jv0", "jv1").withMtu(1450).withMac(MAC1).withPeerMac(MAC2));
            Link b = nl.links().get("jv1");
            assertEquals(Optional.of("veth"), a.kind());
            assertEquals(Optional.of("veth"), b.kind());
            assertEquals(1450, a.mtu());
            assertEquals(1450, b.mtu());
            assertEquals(Optional.of(MAC1), a.mac());
            assertEquals(Optional.of(MAC2), b.mac());
            assertEquals(OptionalInt.of(b.index()), a.parentIndex());
            assertEquals(OptionalInt.of(a.index()), b.parentIndex());
        }
    }

    @Test
    void placesAVethPeerDirectlyInAnotherNamespace(ScratchNamespace host, ScratchNamespace pod) {
        try (Netlink hostNl = Netlink.open(host.namespace()); Netlink podNl = Netlink.open(pod.namespace())) {
            // Same name on both sides: the peer never passes through the host namespace.
            Link local = hostNl.links().add(Veth.named("eth0", "eth0").withPeerNamespace(pod.namespace())
                    .withMtu(1400).withPeerMac(MAC3));
            assertEquals("eth0", local.name());
            Link peer = podNl.links().get("eth0");
            assertEquals(Optional.of(MAC3), peer.mac());
            assertEquals(1400, peer.mtu());
            assertEquals(List.of("eth0", "lo"), hostNl.links().list().stream().map(Link::name).sorted().toList());
        }
    }

    @Test
    void lookupsOfMissingLinksAreEmptyOrENODEV(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            assertTrue(nl.links().find("nosuch0").isEmpty());
            assertTrue(nl.links().find(9999).isEmpty());
            ErrnoException e = assertThrows(ErrnoException.class, () -> nl.links().get("nosuch0"));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("get link nosuch0 failed: ENODEV (No such device)", e.getMessage());
            assertEquals("lo", nl.links().get(1).name());
        }
    }

    @Test
    void deletesLinksAndNamesTheMissingOne(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            nl.links().add(Veth.named("jd0", "jd1"));
            nl.links().delete("jd0");
            assertTrue(nl.links().find("jd0").isEmpty());
            assertTrue(nl.links().find("jd1").isEmpty(), "deleting one end of a veth removes both");
            ErrnoException e = assertThrows(ErrnoException.class, () -> nl.links().delete("jd0"));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("delete link", e.operation());
            assertEquals("jd0", e.object());
        }
    }

    @Test
    void setsUpDownMtuMacPromiscuityAndAlias(ScratchNamespace ns) throws InterruptedException {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Links links = nl.links();
            links.add(Veth.named("js0", "js1"));
            links.setUp("js0");
            links.setUp("js1");
            assertTrue(links.get("js0").isUp());
            // Operational state follows carrier asynchronously (linkwatch): wait for it.
            OperState state = OperState.UNKNOWN;
            for (int i = 0; i < 250 && state != OperState.UP; i++) {
                Thread.sleep(20);
                state = links.get("js0").operState();
            }
            assertEquals(OperState.UP, state);
            links.setDown("js0");
            assertFalse(links.get("js0").isUp());

            links.setMtu("js0", 1300);
            assertEquals(1300, links.get("js0").mtu());
            links.setMac("js0", MAC2);
            assertEquals(Optional.of(MAC2), links.get("js0").mac());

            links.setPromiscuous("js0", true);
            assertTrue(links.get("js0").isPromiscuous());
            assertEquals(1, links.get("js0").promiscuity());
            links.setPromiscuous("js0", false);
            assertFalse(links.get("js0").isPromiscuous());
            assertEquals(0, links.get("js0").promiscuity());

            boolean allmulti = links.get("js0").isAllMulticast();
            links.setAllMulticast("js0", !allmulti);
            assertEquals(!allmulti, links.get("js0").isAllMulticast());
            links.setAllMulticast("js0", allmulti);
            assertEquals(allmulti, links.get("js0").isAllMulticast());

            links.setTxQueueLength("js0", 4321);
            assertEquals(4321, links.get("js0").txQueueLength());

            links.setAlias("js0", "pod web-1 eth0");
            assertEquals(Optional.of("pod web-1 eth0"), links.get("js0").alias());
            links.setAlias("js0", "");
            assertEquals(Optional.empty(), links.get("js0").alias());

            ErrnoException e = assertThrows(ErrnoException.class, () -> links.setMtu("js0", 10));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("js0"), e.getMessage());
            assertEquals(1300, links.get("js0").mtu());
        }
    }

    @Test
    void setsAndClearsTheMaster(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("jbr2"));
            nl.links().add(Veth.named("jm0", "jm1"));
            nl.links().setMaster("jm0", "jbr2");
            assertEquals(OptionalInt.of(br.index()), nl.links().get("jm0").masterIndex());
            nl.links().setNoMaster("jm0");
            assertEquals(OptionalInt.empty(), nl.links().get("jm0").masterIndex());
            ErrnoException e = assertThrows(ErrnoException.class, () -> nl.links().setMaster("jm0", "nobr"));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().contains("nobr"), e.getMessage());
        }
    }

    @Test
    void movesALinkToAnotherNamespace(ScratchNamespace a, ScratchNamespace b) {
        try (Netlink na = Netlink.open(a.namespace()); Netlink nb = Netlink.open(b.namespace())) {
            na.links().add(Veth.named("jmv0", "jmv1"));
            na.links().moveToNamespace("jmv1", b.namespace());
            assertTrue(na.links().find("jmv1").isEmpty());
            assertEquals(Optional.of("veth"), nb.links().get("jmv1").kind());
        }
    }

    @Test
    void dummyAndVlanAreRefusedCleanlyByThisKernel(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            ErrnoException d = assertThrows(ErrnoException.class, () -> nl.links().add(Dummy.named("jdum0")));
            assertEquals(Errno.EOPNOTSUPP, d.errno());
            assertEquals("dummy jdum0", d.object());
            Link br = nl.links().add(Bridge.named("jbr3"));
            ErrnoException v = assertThrows(ErrnoException.class,
                    () -> nl.links().add(Vlan.on(br.index(), "jbr3.5", 5)));
            assertEquals(Errno.EOPNOTSUPP, v.errno());
            assertEquals("vlan jbr3.5 (id 5 on ifindex " + br.index() + ")", v.object());
            assertEquals("Unknown device type", v.kernelMessage().orElseThrow());
            assertTrue(nl.links().find("jbr3.5").isEmpty());
        }
    }

    @Test
    void badNamesAndMtusAreRejectedBeforeAnythingIsSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Veth.named("a-name-that-is-too-long", "x"));
        assertTrue(e.getMessage().startsWith("veth name:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bridge.named("bad/name"));
        assertThrows(IllegalArgumentException.class, () -> Bridge.named("br0").withMtu(20));
        assertThrows(IllegalArgumentException.class, () -> Veth.named("same", "same").toMessage());
        assertThrows(IllegalArgumentException.class, () -> Vlan.on(3, "v", 4095));
    }
}
