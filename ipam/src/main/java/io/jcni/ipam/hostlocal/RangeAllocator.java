package io.jcni.ipam.hostlocal;

import io.jcni.ipam.net.IpMath;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Round-robin over one range set, as the reference walks it: start right after the set's last
 * reserved address (or at the first range's start when there is none or it lies outside the set),
 * run to each range's end, go on with the next range, wrap around, and stop after visiting every
 * address once, the last reserved one last.
 */
final class RangeAllocator {
    private final RangeSet set;

    RangeAllocator(RangeSet set) {
        this.set = set;
    }

    /** The first address in round-robin order that may be handed out and is not in {@code taken}. */
    Optional<InetAddress> nextFree(Optional<InetAddress> lastReserved, Set<InetAddress> taken) {
        int rangeIdx = 0;
        InetAddress cur = null;
        if (lastReserved.isPresent()) {
            for (int i = 0; i < set.ranges().size(); i++) {
                if (set.ranges().get(i).contains(lastReserved.get())) {
                    rangeIdx = i;
                    cur = lastReserved.get();
                    break;
                }
            }
        }
        BigInteger remaining = BigInteger.ZERO;
        for (AddressRange r : set.ranges()) {
            remaining = remaining.add(IpMath.span(r.rangeStart(), r.rangeEnd()));
        }
        for (; remaining.signum() > 0; remaining = remaining.subtract(BigInteger.ONE)) {
            AddressRange r = set.ranges().get(rangeIdx);
            if (cur == null) {
                cur = r.rangeStart();
            } else if (cur.equals(r.rangeEnd())) {
                rangeIdx = (rangeIdx + 1) % set.ranges().size();
                r = set.ranges().get(rangeIdx);
                cur = r.rangeStart();
            } else {
                cur = IpMath.next(cur);
            }
            if (r.allocatable(cur) && !taken.contains(cur)) {
                return Optional.of(cur);
            }
        }
        return Optional.empty();
    }
}
