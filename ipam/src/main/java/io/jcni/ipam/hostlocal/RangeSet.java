package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A pool of ranges of one address family; each range set yields one address per ADD. */
public record RangeSet(List<AddressRange> ranges) {
    public RangeSet {
        ranges = List.copyOf(ranges);
    }

    /** Checks the set is non-empty, of one family and free of overlaps; {@code field} names it. */
    public static RangeSet of(List<AddressRange> ranges, String field) throws CniException {
        if (ranges.isEmpty()) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, field + ": empty range set");
        }
        for (int i = 0; i < ranges.size(); i++) {
            AddressRange r = ranges.get(i);
            if (r.isIpv4() != ranges.getFirst().isIpv4()) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                        field + "[" + i + "]: mixes IPv4 and IPv6 in one range set");
            }
            for (int j = 0; j < i; j++) {
                if (r.overlaps(ranges.get(j))) {
                    throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                            field + "[" + i + "]: range " + r + " overlaps " + field + "[" + j + "] " + ranges.get(j));
                }
            }
        }
        return new RangeSet(ranges);
    }

    public boolean isIpv4() {
        return ranges.getFirst().isIpv4();
    }

    /** The range that may hand out {@code a}, if any. */
    public Optional<AddressRange> rangeFor(InetAddress a) {
        return ranges.stream().filter(r -> r.allocatable(a)).findFirst();
    }

    /** Any range of this set lies in the same range of addresses as one of {@code other}'s. */
    public boolean overlaps(RangeSet other) {
        return ranges.stream().anyMatch(r -> other.ranges.stream().anyMatch(r::overlaps));
    }

    @Override
    public String toString() {
        return ranges.stream().map(AddressRange::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
