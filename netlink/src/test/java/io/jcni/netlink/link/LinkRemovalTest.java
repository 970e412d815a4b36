package io.jcni.netlink.link;

import io.jcni.netlink.Netlink;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ScratchNamespaceExtension.class)
class LinkRemovalTest {

    @Test
    void bothEndsOfAVethAreGoneAndTheirNamesFreeWhenDeleteReturns(ScratchNamespace host, ScratchNamespace pod) {
        try (Netlink hostNl = Netlink.open(host.namespace()); Netlink podNl = Netlink.open(pod.namespace())) {
            for (int round = 0; round < 20; round++) {
                Link hostEnd = hostNl.links().add(Veth.named("vh0", "eth0").withPeerNamespace(pod.namespace()));
                hostNl.links().setUp("vh0");
                Link podEnd = podNl.links().get("eth0");
                assertEquals(hostEnd.index(), podEnd.parentIndex().orElseThrow());

                LinkRemoval.delete(new LinkRef(pod.namespace(), podEnd.index()), new LinkRef(host.namespace(), hostEnd.index()));

                assertEquals(List.of("lo"), podNl.links().list().stream().map(Link::name).toList(), "round " + round);
                assertEquals(List.of("lo"), hostNl.links().list().stream().map(Link::name).toList(), "round " + round);
                assertTrue(host.exec("ip", "-o", "link", "show").lines().noneMatch(l -> l.contains("vh0")), "round " + round);
                assertTrue(pod.exec("ip", "-o", "addr", "show").lines().noneMatch(l -> l.contains("eth0")), "round " + round);
            }
        }
    }

    @Test
    void aLinkWithoutPeerIsGoneWhenDeleteReturns(ScratchNamespace ns) {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link d = nl.links().add(Bridge.named("br0"));
            LinkRemoval.delete(new LinkRef(ns.namespace(), d.index()), new LinkRef(ns.namespace(), d.index()));
            assertTrue(nl.links().find("br0").isEmpty());
            nl.links().add(Bridge.named("br0")); // the name is free
        }
    }

    @Test
    void aMissingLinkFailsWithTheKernelsError(ScratchNamespace ns) {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> LinkRemoval.delete(new LinkRef(ns.namespace(), 9999), new LinkRef(ns.namespace(), 9999)));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("delete link ifindex 9999 failed: ENODEV (No such device)", e.getMessage());
    }
}
