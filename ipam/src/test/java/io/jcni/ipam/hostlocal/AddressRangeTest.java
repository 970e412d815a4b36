package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jcni.ipam.hostlocal.Ranges.cidr;
import static io.jcni.ipam.hostlocal.Ranges.ip;
import static io.jcni.ipam.hostlocal.Ranges.range;
import static io.jcni.ipam.hostlocal.Ranges.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressRangeTest {
    @Test
    void ipv4DefaultsSkipNetworkAndBroadcast() throws CniException {
        AddressRange r = range("10.1.2.0/24");
        assertEquals(ip("10.1.2.1"), r.gateway());
        assertEquals(ip("10.1.2.1"), r.rangeStart());
        assertEquals(ip("10.1.2.254"), r.rangeEnd());
        assertFalse(r.allocatable(ip("10.1.2.1")), "gateway");
        assertTrue(r.allocatable(ip("10.1.2.2")));
        assertTrue(r.allocatable(ip("10.1.2.254")));
        assertFalse(r.allocatable(ip("10.1.2.255")), "broadcast");
        assertFalse(r.allocatable(ip("10.1.3.2")));
        assertFalse(r.allocatable(ip("2001:db8::2")));
    }

    @Test
    void ipv6DefaultsIncludeTheLastAddressAsTheReferenceDoes() throws CniException {
        AddressRange r = range("2001:db8::/126");
        assertEquals(ip("2001:db8::1"), r.gateway());
        assertEquals(ip("2001:db8::3"), r.rangeEnd());
        assertTrue(r.allocatable(ip("2001:db8::3")));
        assertFalse(r.allocatable(ip("2001:db8::")));
    }

    @Test
    void explicitStartEndAndGateway() throws CniException {
        AddressRange r = range("10.1.2.0/24", "10.1.2.10", "10.1.2.20", "10.1.2.254");
        assertTrue(r.allocatable(ip("10.1.2.10")));
        assertTrue(r.allocatable(ip("10.1.2.20")));
        assertFalse(r.allocatable(ip("10.1.2.21")));
        assertFalse(r.allocatable(ip("10.1.2.9")));
        assertEquals(ip("10.1.2.254"), r.gateway());
    }

    @Test
    void networkAddressAsRangeStartIsNeverHandedOut() throws CniException {
        AddressRange r = range("10.1.2.0/24", "10.1.2.0", "10.1.2.255", null);
        assertFalse(r.allocatable(ip("10.1.2.0")));
        assertFalse(r.allocatable(ip("10.1.2.255")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/31", "10.0.0.0/32", "2001:db8::/127", "2001:db8::/128"})
    void tooSmallSubnetsAreCode7(String subnet) {
        CniException e = assertThrows(CniException.class, () -> range(subnet));
        assertEquals(7, e.code());
        assertTrue(e.msg().contains("ipam.ranges[0][0].subnet"), e.msg());
    }

    @Test
    void hostBitsAreCode7NamingTheNetwork() {
        CniException e = assertThrows(CniException.class, () -> range("10.1.2.5/24"));
        assertEquals(7, e.code());
        assertTrue(e.msg().contains("subnet") && e.msg().contains("10.1.2.0"), e.msg());
    }

    @Test
    void fieldsOutsideTheSubnetAreCode7NamingTheField() {
        for (String[] c : new String[][] {
                {"rangeStart", "10.1.3.1", null, null},
                {"rangeEnd", null, "10.1.3.1", null},
                {"gateway", null, null, "10.1.3.1"},
                {"rangeStart", "2001:db8::5", null, null}}) {
            CniException e = assertThrows(CniException.class, () -> range("10.1.2.0/24", c[1], c[2], c[3]));
            assertEquals(7, e.code());
            assertTrue(e.msg().contains("ipam.ranges[0][0]." + c[0]), e.msg());
        }
    }

    @Test
    void startAfterEndIsCode7() {
        CniException e = assertThrows(CniException.class,
                () -> range("10.1.2.0/24", "10.1.2.50", "10.1.2.40", null));
        assertEquals(7, e.code());
        assertTrue(e.msg().contains("rangeStart") && e.msg().contains("rangeEnd"), e.msg());
    }

    @Test
    void disjointRangesOfOneSubnetMayShareASet() throws CniException {
        RangeSet s = set(range("10.1.2.0/24", "10.1.2.10", "10.1.2.20", null),
                range("10.1.2.0/24", "10.1.2.100", "10.1.2.110", null));
        assertTrue(s.rangeFor(ip("10.1.2.105")).isPresent());
        assertTrue(s.rangeFor(ip("10.1.2.50")).isEmpty());
    }

    @Test
    void overlappingRangesInASetAreCode7() {
        CniException e = assertThrows(CniException.class, () -> set(range("10.1.0.0/16"), range("10.1.2.0/24")));
        assertEquals(7, e.code());
        assertTrue(e.msg().contains("ipam.ranges[0][1]") && e.msg().contains("overlaps"), e.msg());
    }

    @Test
    void mixedFamiliesInASetAreCode7() {
        CniException e = assertThrows(CniException.class, () -> set(range("10.1.0.0/16"), range("2001:db8::/64")));
        assertEquals(7, e.code());
        assertTrue(e.msg().contains("ipam.ranges[0][1]"), e.msg());
    }

    @Test
    void setsOverlapWhenAnyOfTheirRangesDo() throws CniException {
        assertTrue(set(range("10.1.0.0/16")).overlaps(set(range("10.2.0.0/16"), range("10.1.200.0/24"))));
        assertFalse(set(range("10.1.0.0/16")).overlaps(set(range("2001:db8::/64"))));
        assertEquals(cidr("10.1.0.0/16"), range("10.1.0.0/16").subnet());
    }
}
