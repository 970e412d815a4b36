package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static io.jcni.ipam.hostlocal.Ranges.ip;
import static io.jcni.ipam.hostlocal.Ranges.range;
import static io.jcni.ipam.hostlocal.Ranges.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RangeAllocatorTest {
    private static Optional<InetAddress> next(RangeAllocator a, String last, String... taken) {
        Set<InetAddress> t = new HashSet<>(Ranges.ips(taken));
        return a.nextFree(Optional.ofNullable(ip(last)), t);
    }

    @Test
    void startsAfterTheGatewayWithoutHistory() throws CniException {
        RangeAllocator a = new RangeAllocator(set(range("10.0.0.0/29")));
        assertEquals(Optional.of(ip("10.0.0.2")), next(a, null));
    }

    @Test
    void continuesAfterTheLastReservedAndWrapsAround() throws CniException {
        RangeAllocator a = new RangeAllocator(set(range("10.0.0.0/29")));
        assertEquals(Optional.of(ip("10.0.0.5")), next(a, "10.0.0.4"));
        // .6 is the end; wrapping skips the gateway .1 and the taken .2
        assertEquals(Optional.of(ip("10.0.0.3")), next(a, "10.0.0.6", "10.0.0.2"));
        // the last reserved address itself is tried last
        assertEquals(Optional.of(ip("10.0.0.4")), next(a, "10.0.0.4", "10.0.0.2", "10.0.0.3", "10.0.0.5", "10.0.0.6"));
    }

    @Test
    void exhaustedWhenEveryAddressIsTaken() throws CniException {
        RangeAllocator a = new RangeAllocator(set(range("10.0.0.0/29")));
        assertEquals(Optional.empty(), next(a, "10.0.0.3", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"));
    }

    @Test
    void movesOnToTheNextRangeOfTheSet() throws CniException {
        RangeAllocator a = new RangeAllocator(set(range("10.0.0.0/24", "10.0.0.10", "10.0.0.11", null),
                range("10.0.1.0/24", "10.0.1.10", "10.0.1.11", null)));
        assertEquals(Optional.of(ip("10.0.1.10")), next(a, "10.0.0.11"));
        assertEquals(Optional.of(ip("10.0.0.10")), next(a, "10.0.1.11"));
        assertEquals(Optional.of(ip("10.0.1.11")), next(a, null, "10.0.0.10", "10.0.0.11", "10.0.1.10"));
    }

    @Test
    void lastReservedOutsideTheSetRestartsAtTheFirstRange() throws CniException {
        RangeAllocator a = new RangeAllocator(set(range("10.0.0.0/29")));
        assertEquals(Optional.of(ip("10.0.0.2")), next(a, "192.0.2.9"));
    }

    @Test
    void ipv6() throws CniException {
        RangeAllocator a = new RangeAllocator(set(range("2001:db8::/126")));
        assertEquals(Optional.of(ip("2001:db8::3")), next(a, "2001:db8::2"));
        assertEquals(Optional.of(ip("2001:db8::2")), next(a, "2001:db8::3"));
    }
}
