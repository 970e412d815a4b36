package io.jcni.netlink.neigh;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.MacAddress;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.link.Bridge;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ScratchNamespaceExtension.class)
class NeighboursTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:42");

    @Test
    void entriesAreListedAndDeleted(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("jnbr0"));
            nl.links().setUp("jnbr0");
            nl.addresses().add(Address.of(br.index(), InetAddress.getByName("10.97.0.1"), 24));
            Neighbour v4 = Neighbour.permanent(br.index(), InetAddress.getByName("10.97.0.5"), MAC);
            Neighbour v6 = Neighbour.permanent(br.index(), InetAddress.getByName("2001:db8::5"), MAC);
            nl.neighbours().add(v4);
            nl.neighbours().add(v6);

            // The bridge also has NOARP entries for the multicast groups it joined: look for ours.
            List<Neighbour> listed = nl.neighbours().list(IpFamily.IPV4, br.index()).stream()
                    .filter(n -> n.address().equals(v4.address())).toList();
            assertEquals(1, listed.size());
            assertEquals(InetAddress.getByName("10.97.0.5"), listed.getFirst().address());
            assertEquals(Optional.of(MAC), listed.getFirst().mac());
            assertTrue(listed.getFirst().state().contains(NeighbourState.PERMANENT));
            assertTrue(nl.neighbours().list(IpFamily.IPV6, br.index()).stream()
                    .anyMatch(n -> n.address().equals(v6.address())));

            nl.neighbours().delete(listed.getFirst());
            nl.neighbours().delete(v6);
            assertTrue(nl.neighbours().list(IpFamily.IPV4, br.index()).stream()
                    .noneMatch(n -> n.address().equals(v4.address())));
            assertTrue(nl.neighbours().list(IpFamily.IPV6, br.index()).stream()
                    .noneMatch(n -> n.address().equals(v6.address())));
            ErrnoException e = assertThrows(ErrnoException.class, () -> nl.neighbours().delete(v4));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("delete neighbour 10.97.0.5"), e.getMessage());
        }
    }
}
