package io.jcni.netlink.event;

import io.jcni.netlink.Netlink;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.addr.AddressFlag;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Veth;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static io.jcni.netlink.event.NetlinkEvent.Change.DELETED;
import static io.jcni.netlink.event.NetlinkEvent.Change.NEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Events of changes made in scratch namespaces. Waits are bounded (a generous deadline that only
 * matters when an event never comes); nothing asserts how fast events arrive.
 */
@ExtendWith(ScratchNamespaceExtension.class)
class EventSubscriptionKernelTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Set<EventGroup> ALL = EnumSet.allOf(EventGroup.class);

    /** Polls until an event matches, returning every event seen up to and including it. */
    private static List<NetlinkEvent> until(EventSubscription events, Predicate<NetlinkEvent> wanted, String what) {
        List<NetlinkEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<NetlinkEvent> e = events.poll(Duration.ofMillis(500));
            if (e.isPresent()) {
                seen.add(e.get());
                if (wanted.test(e.get())) {
                    return seen;
                }
            }
        }
        return fail("no " + what + " within " + DEADLINE + "; saw " + seen);
    }

    private static Predicate<NetlinkEvent> link(NetlinkEvent.Change change, String name) {
        return e -> e instanceof LinkEvent l && l.change() == change && l.link().name().equals(name);
    }

    private static Predicate<NetlinkEvent> address(NetlinkEvent.Change change, InetAddress ip, int prefix) {
        return e -> e instanceof AddressEvent a && a.change() == change && a.address().address().equals(ip)
                && a.address().prefixLength() == prefix;
    }

    @Test
    void deliversLinkAndAddressEventsInOrder(ScratchNamespace ns) throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        try (EventSubscription events = EventSubscription.open(ns.namespace(), ALL);
             Netlink nl = Netlink.open(ns.namespace())) {
            Link ev0 = nl.links().add(Veth.named("ev0", "ev1"));
            List<NetlinkEvent> created = until(events, link(NEW, "ev0"), "NEW event of link ev0");
            LinkEvent linkEvent = (LinkEvent) created.getLast();
            assertEquals(ev0.index(), linkEvent.link().index());
            assertEquals(Optional.of("veth"), linkEvent.link().kind());

            nl.links().setUp("ev0");
            until(events, e -> e instanceof LinkEvent l && l.change() == NEW && l.link().name().equals("ev0") && l.link().isUp(),
                    "event of ev0 going up");

            nl.addresses().add(Address.of(ev0.index(), v4, 24));
            AddressEvent added = (AddressEvent) until(events, address(NEW, v4, 24), "NEW event of 192.0.2.1/24").getLast();
            assertEquals(ev0.index(), added.address().linkIndex());

            nl.addresses().add(Address.of(ev0.index(), v6, 64).withFlags(Set.of(AddressFlag.NODAD)));
            until(events, address(NEW, v6, 64), "NEW event of 2001:db8::1/64");

            nl.addresses().delete(Address.of(ev0.index(), v4, 24));
            until(events, address(DELETED, v4, 24), "DELETED event of 192.0.2.1/24");

            nl.links().delete("ev0");
            List<NetlinkEvent> tail = until(events, link(DELETED, "ev0"), "DELETED event of link ev0");
            // Removing the link removed its IPv6 address first, and said so.
            assertTrue(tail.stream().anyMatch(address(DELETED, v6, 64)), "no DELETED event of 2001:db8::1/64 in " + tail);
        }
    }

    @Test
    void deliversOnlyTheGroupsSubscribedTo(ScratchNamespace ns) throws Exception {
        InetAddress v4 = InetAddress.getByName("198.51.100.1");
        try (EventSubscription events = EventSubscription.open(ns.namespace(), EnumSet.of(EventGroup.LINK));
             Netlink nl = Netlink.open(ns.namespace())) {
            Link ev0 = nl.links().add(Veth.named("ev0", "ev1"));
            nl.addresses().add(Address.of(ev0.index(), v4, 24));
            nl.links().delete("ev0");
            // The address events would have been queued before the link's deletion notice.
            List<NetlinkEvent> seen = until(events, link(DELETED, "ev0"), "DELETED event of link ev0");
            assertTrue(seen.stream().allMatch(e -> e instanceof LinkEvent), "address events without subscribing: " + seen);
            assertEquals(Set.of(EventGroup.LINK), events.groups());
        }
    }

    @Test
    void seesOnlyItsOwnNamespace(ScratchNamespace ns, ScratchNamespace other) {
        try (EventSubscription events = EventSubscription.open(ns.namespace(), ALL);
             Netlink here = Netlink.open(ns.namespace());
             Netlink there = Netlink.open(other.namespace())) {
            there.links().add(Veth.named("elsewhere0", "elsewhere1"));
            here.links().add(Veth.named("ev0", "ev1"));
            List<NetlinkEvent> seen = until(events, link(NEW, "ev0"), "NEW event of link ev0");
            assertTrue(seen.stream().noneMatch(e -> e instanceof LinkEvent l && l.link().name().startsWith("elsewhere")),
                    "event of another namespace: " + seen);
        }
    }

    @Test
    void pollReturnsEmptyWhenNothingHappens(ScratchNamespace ns) {
        try (EventSubscription events = EventSubscription.open(ns.namespace(), ALL)) {
            assertEquals(Optional.empty(), events.poll(Duration.ofMillis(50)));
        }
    }
}
