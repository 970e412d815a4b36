package io.jcni.netlink.addr;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.Scope;
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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ScratchNamespaceExtension.class)
class AddressesTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ipv4AddressesWithBroadcastAreAddedListedAndDeleted(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("jabr0"));
            Address a = Address.of(br.index(), ip("10.99.0.1"), 24).withBroadcast(ip("10.99.0.255"));
            nl.addresses().add(a);
            List<Address> listed = nl.addresses().list(IpFamily.IPV4, br.index());
            assertEquals(1, listed.size());
            Address got = listed.getFirst();
            assertEquals(ip("10.99.0.1"), got.address());
            assertEquals(24, got.prefixLength());
            assertEquals(Optional.of(ip("10.99.0.255")), got.broadcast());
            assertEquals(Scope.UNIVERSE, got.scope());
            assertEquals(Optional.of("jabr0"), got.label());
            assertTrue(got.flags().contains(AddressFlag.PERMANENT));

            ErrnoException dup = assertThrows(ErrnoException.class, () -> nl.addresses().add(a));
            assertEquals(Errno.EEXIST, dup.errno());
            assertTrue(dup.getMessage().startsWith(
                    "add address 10.99.0.1/24 on ifindex " + br.index() + " failed: EEXIST (File exists)"), dup.getMessage());

            nl.addresses().delete(a);
            assertTrue(nl.addresses().list(IpFamily.IPV4, br.index()).isEmpty());
            ErrnoException gone = assertThrows(ErrnoException.class, () -> nl.addresses().delete(a));
            assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
            assertEquals("delete address", gone.operation());
        }
    }

    @Test
    void scopesAreSetAndReadBack(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("jabr1"));
            nl.addresses().add(Address.of(br.index(), ip("10.99.1.1"), 32).withScope(Scope.HOST));
            nl.addresses().add(Address.of(br.index(), ip("10.99.2.1"), 24).withScope(Scope.LINK));
            List<Address> listed = nl.addresses().list(IpFamily.IPV4, br.index());
            assertEquals(Scope.HOST, listed.stream().filter(x -> x.prefixLength() == 32).findFirst().orElseThrow().scope());
            assertEquals(Scope.LINK, listed.stream().filter(x -> x.prefixLength() == 24).findFirst().orElseThrow().scope());
        }
    }

    @Test
    void ipv6AddressesWithNodadAreNeverTentative(ScratchNamespace ns) throws Exception {
        try (Netlink nl = Netlink.open(ns.namespace())) {
            Link br = nl.links().add(Bridge.named("jabr2"));
            nl.links().setUp("jabr2");
            nl.addresses().add(Address.of(br.index(), ip("2001:db8::1"), 64).withFlags(Set.of(AddressFlag.NODAD)));
            InetAddress wanted = ip("2001:db8::1");
            Address got = nl.addresses().list(IpFamily.IPV6, br.index()).stream()
                    .filter(x -> x.address().equals(wanted)).findFirst().orElseThrow();
            assertEquals(64, got.prefixLength());
            assertTrue(got.flags().contains(AddressFlag.NODAD), got.flags().toString());
            assertFalse(got.flags().contains(AddressFlag.TENTATIVE), got.flags().toString());
            assertEquals(Optional.empty(), got.broadcast());
            nl.addresses().delete(got);
            assertTrue(nl.addresses().list(IpFamily.IPV6, br.index()).stream()
                    .noneMatch(x -> x.address().equals(got.address())));
        }
    }

    @Test
    void invalidAddressesAreRejectedWithTheFieldNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Address.of(2, ip("10.0.0.1"), 33));
        assertTrue(e.getMessage().startsWith("address prefix length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Address.of(0, ip("10.0.0.1"), 24));
        InetAddress v6 = ip("2001:db8::1");
        InetAddress loopback6 = ip("::1");
        assertThrows(IllegalArgumentException.class, () -> Address.of(2, v6, 64).withBroadcast(loopback6));
    }
}
