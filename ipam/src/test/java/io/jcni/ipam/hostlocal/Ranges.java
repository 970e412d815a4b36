package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/** Test shorthand for building ranges from text. */
final class Ranges {
    private Ranges() {
    }

    static InetAddress ip(String s) {
        return s == null ? null : InetAddress.ofLiteral(s);
    }

    static IpPrefix cidr(String s) {
        int slash = s.indexOf('/');
        return new IpPrefix(ip(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1)));
    }

    static AddressRange range(String subnet, String start, String end, String gw) throws CniException {
        return AddressRange.of(cidr(subnet), ip(start), ip(end), ip(gw), "ipam.ranges[0][0]");
    }

    static AddressRange range(String subnet) throws CniException {
        return range(subnet, null, null, null);
    }

    static RangeSet set(AddressRange... ranges) throws CniException {
        return RangeSet.of(Arrays.asList(ranges), "ipam.ranges[0]");
    }

    static List<InetAddress> ips(String... s) {
        return Arrays.stream(s).map(Ranges::ip).toList();
    }
}
