package io.jcni.netlink.tc;

import io.jcni.netlink.Netlink;
import io.jcni.netlink.link.Ifb;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Veth;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import io.jcni.netlink.wire.TcConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Qdiscs, u32 filters, mirred and ifb links against the kernel, read back by our decoders and by tc. */
@ExtendWith(ScratchNamespaceExtension.class)
class TrafficControlTest {
    private static final PschedClock CLOCK = PschedClock.read();

    @Test
    void createsAnIfbLinkWithMtuAndQueueLength(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link ifb = nl.links().add(Ifb.named("jifb0").withMtu(1400).withTxQueueLength(0));
            assertEquals(Optional.of("ifb"), ifb.kind());
            assertEquals(1400, ifb.mtu());
            String shown = ns.exec("ip", "-d", "link", "show", "jifb0");
            assertTrue(shown.contains(" ifb "), shown);
            assertFalse(shown.contains("qlen"), shown);
        }
    }

    @Test
    void tbfOnTheRootAsTcShowsIt(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link veth = nl.links().add(Veth.named("jv0", "jv1"));
            Qdiscs qdiscs = new Qdiscs(nl.socket());
            Tbf tbf = Tbf.forBits(8_000_000, 80_000, CLOCK);
            qdiscs.add(Qdisc.rootTbf(veth.index(), tbf));
            assertTrue(qdiscs.list(veth.index()).contains(Qdisc.rootTbf(veth.index(), tbf)), qdiscs.list(veth.index()).toString());
            String shown = ns.exec("tc", "-d", "qdisc", "show", "dev", "jv0");
            assertTrue(shown.startsWith("qdisc tbf 1: root "), shown);
            assertTrue(shown.contains("rate 8Mbit burst 10000b/1 mpu 0b lat 25ms linklayer unspec"), shown);

            ErrnoException dup = assertThrows(ErrnoException.class, () -> qdiscs.add(Qdisc.rootTbf(veth.index(), tbf)));
            assertEquals(Errno.EEXIST, dup.errno());

            Tbf faster = Tbf.forBits(16_000_000, 160_000, CLOCK);
            qdiscs.replace(Qdisc.rootTbf(veth.index(), faster));
            assertTrue(ns.exec("tc", "qdisc", "show", "dev", "jv0").contains("rate 16Mbit burst 20000b lat 25ms"));

            qdiscs.delete(Qdisc.rootTbf(veth.index(), faster));
            assertTrue(qdiscs.list(veth.index()).stream().noneMatch(q -> q.kind().equals("tbf")));
            ErrnoException gone = assertThrows(ErrnoException.class, () -> qdiscs.delete(Qdisc.rootTbf(veth.index(), faster)));
            assertTrue(gone.errno() == Errno.ENOENT || gone.errno() == Errno.EINVAL, gone.getMessage());
        }
    }

    @Test
    void tbfAbove32BitRateReadsBack(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link veth = nl.links().add(Veth.named("jv0", "jv1"));
            Qdiscs qdiscs = new Qdiscs(nl.socket());
            Qdisc q = Qdisc.rootTbf(veth.index(), Tbf.forBits(80_000_000_000L, 8_000_000, CLOCK));
            qdiscs.add(q);
            assertTrue(qdiscs.list(veth.index()).contains(q));
            assertTrue(ns.exec("tc", "qdisc", "show", "dev", "jv0").contains("rate 80Gbit"));
        }
    }

    @Test
    void ingressRedirectToIfbAsTheReferenceMakesIt(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link veth = nl.links().add(Veth.named("jv0", "jv1"));
            Link ifb = nl.links().add(Ifb.named("jifb0"));
            Qdiscs qdiscs = new Qdiscs(nl.socket());
            Filters filters = new Filters(nl.socket());
            qdiscs.add(Qdisc.ingress(veth.index()));
            List<Mirred> actions = List.of(Mirred.egressRedirect(ifb.index()),
                    new Mirred(Mirred.EGRESS_REDIRECT, ifb.index(), Mirred.PASS));
            filters.add(new U32Filter(veth.index(), Handles.of(0xFFFF, 0), 1, TcConstants.ETH_P_ALL, 0,
                    Handles.of(1, 1), List.of(), actions));

            assertTrue(qdiscs.list(veth.index()).contains(Qdisc.ingress(veth.index())));
            List<U32Filter> got = filters.listU32(veth.index(), Handles.of(0xFFFF, 0));
            List<U32Filter> withKeys = got.stream().filter(f -> !f.keys().isEmpty()).toList();
            assertEquals(1, withKeys.size(), got.toString());
            U32Filter f = withKeys.getFirst();
            assertEquals(0x80000800, f.handle());
            assertEquals(1, f.priority());
            assertEquals(TcConstants.ETH_P_ALL, f.protocol());
            assertEquals(Handles.of(1, 1), f.classId());
            assertEquals(List.of(U32Key.ALL), f.keys());
            assertEquals(actions, f.actions());

            String shown = ns.exec("tc", "filter", "show", "dev", "jv0", "ingress");
            assertTrue(shown.contains("filter parent ffff: protocol all pref 1 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0 *flowid 1:1"), shown);
            assertTrue(shown.contains("match 00000000/00000000 at 0"), shown);
            assertTrue(shown.contains("action order 1: mirred (Egress Redirect to device jifb0) stolen"), shown);
            assertTrue(shown.contains("action order 2: mirred (Egress Redirect to device jifb0) pass"), shown);

            filters.delete(veth.index(), Handles.of(0xFFFF, 0), 1, TcConstants.ETH_P_ALL);
            assertEquals(List.of(), filters.listU32(veth.index(), Handles.of(0xFFFF, 0)));
            qdiscs.delete(Qdisc.ingress(veth.index()));
            assertTrue(qdiscs.list(veth.index()).stream().noneMatch(q -> q.kind().equals("ingress")));
            assertEquals("", ns.exec("tc", "filter", "show", "dev", "jv0", "ingress").trim());
        }
    }

    @Test
    void clsactQdiscAndAFilterMatchingADestinationSubnet(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link veth = nl.links().add(Veth.named("jv0", "jv1"));
            Qdiscs qdiscs = new Qdiscs(nl.socket());
            qdiscs.add(Qdisc.clsact(veth.index()));
            assertTrue(qdiscs.list(veth.index()).contains(Qdisc.clsact(veth.index())));
            // clsact's egress hook is ffff:fff3.
            int egress = Handles.of(0xFFFF, 0xFFF3);
            new Filters(nl.socket()).add(new U32Filter(veth.index(), egress, 2, TcConstants.ETH_P_IP, 0, 0,
                    List.of(new U32Key(0xFFFFFF00, 0x0A000100, 16, 0)), List.of()));
            String shown = ns.exec("tc", "filter", "show", "dev", "jv0", "egress");
            assertTrue(shown.contains("match 0a000100/ffffff00 at 16"), shown);
            U32Filter back = new Filters(nl.socket()).listU32(veth.index(), egress).stream()
                    .filter(f -> !f.keys().isEmpty()).findFirst().orElseThrow();
            assertEquals(List.of(new U32Key(0xFFFFFF00, 0x0A000100, 16, 0)), back.keys());
            assertEquals(OptionalInt.of(2), OptionalInt.of(back.priority()));
        }
    }

    @Test
    void htbWithAShapedAndAnUnshapedClassAndSubnetFilters(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link veth = nl.links().add(Veth.named("jv0", "jv1"));
            Qdiscs qdiscs = new Qdiscs(nl.socket());
            Classes classes = new Classes(nl.socket());
            Filters filters = new Filters(nl.socket());
            int root = Handles.of(1, 0);
            qdiscs.add(Qdisc.rootHtb(veth.index(), Htb.withDefault(48)));
            Tbf bucket = Tbf.forBits(8_000_000, 80_000, CLOCK);
            HtbClass shaped = new HtbClass(veth.index(), Handles.of(1, 48), root, bucket.rate(), 2 * bucket.rate(),
                    bucket.buffer(), bucket.buffer());
            HtbClass unshaped = new HtbClass(veth.index(), Handles.of(1, 1), root, 100_000_000_000L, 100_000_000_000L, 0, 0);
            classes.add(shaped);
            classes.add(unshaped);
            U32Filter v4 = new U32Filter(veth.index(), root, 16, TcConstants.ETH_P_IP, 0, Handles.of(1, 1),
                    List.of(new U32Key(0xFFFF0000, 0x0A010000, 16, 0)), List.of());
            U32Filter v6 = new U32Filter(veth.index(), root, 15, TcConstants.ETH_P_IPV6, 0, Handles.of(1, 1),
                    List.of(new U32Key(0xFD000000 | 0xFFFFFF, 0xFD000001, 24, 0), new U32Key(0xFFFF0000, 0x00020000, 28, 0)),
                    List.of());
            filters.add(v4);
            filters.add(v6);

            assertEquals(Optional.of(Htb.withDefault(48)), qdiscs.list(veth.index()).stream()
                    .filter(q -> q.kind().equals("htb")).findFirst().flatMap(Qdisc::htb));
            List<HtbClass> got = classes.listHtb(veth.index());
            // The kernel reports top-level classes with parent root.
            assertTrue(got.contains(new HtbClass(veth.index(), shaped.handle(), Handles.ROOT, shaped.rate(), shaped.ceil(),
                    shaped.buffer(), shaped.cbuffer())), got.toString());
            assertEquals(1, got.stream().filter(c -> c.handle() == Handles.of(1, 1) && c.rate() == 100_000_000_000L
                    && c.ceil() == 100_000_000_000L).count(), got.toString());
            List<U32Filter> back = filters.listU32(veth.index(), root).stream().filter(f -> !f.keys().isEmpty()).toList();
            assertEquals(List.of(v4.keys()), back.stream().filter(f -> f.protocol() == TcConstants.ETH_P_IP).map(U32Filter::keys).toList());
            assertEquals(List.of(v6.keys()), back.stream().filter(f -> f.protocol() == TcConstants.ETH_P_IPV6).map(U32Filter::keys).toList());

            String shownQdisc = ns.exec("tc", "qdisc", "show", "dev", "jv0");
            assertTrue(shownQdisc.contains("r2q 10 default 0x30 direct_packets_stat 0"), shownQdisc);
            String shownClasses = ns.exec("tc", "class", "show", "dev", "jv0");
            assertTrue(shownClasses.contains("class htb 1:30 root prio 0 rate 8Mbit ceil 16Mbit burst 10000b cburst 20000b"), shownClasses);
            assertTrue(shownClasses.contains("class htb 1:1 root prio 0 rate 800Gbit ceil 800Gbit burst 0b cburst 0b"), shownClasses);
            String shownFilters = ns.exec("tc", "filter", "show", "dev", "jv0");
            assertTrue(shownFilters.contains("filter parent 1: protocol ip pref 16 u32"), shownFilters);
            assertTrue(shownFilters.contains("match 0a010000/ffff0000 at 16"), shownFilters);
            assertTrue(shownFilters.contains("match 00020000/ffff0000 at 28"), shownFilters);
        }
    }

    @Test
    void qdiscsOnAMissingLinkAreRefusedByName(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> new Qdiscs(nl.socket()).add(Qdisc.ingress(9999)));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().contains("ingress ffff:0 parent ffff:fff1 on ifindex 9999"), e.getMessage());
        }
    }
}
