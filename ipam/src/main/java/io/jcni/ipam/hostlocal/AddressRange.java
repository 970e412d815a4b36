package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.result.IpPrefix;
import io.jcni.ipam.net.IpMath;
import io.jcni.conf.result.IpText;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * One entry of a range set, with the reference defaults filled in: gateway the subnet's first
 * host, allocation from there to the last address (the IPv4 broadcast address excluded).
 *
 * @param subnet the network, host bits clear
 */
public record AddressRange(IpPrefix subnet, InetAddress rangeStart, InetAddress rangeEnd, InetAddress gateway) {

    /**
     * The range as configured, checked: {@code subnet} must be a network of at least 4 addresses,
     * the other fields (null when absent) must lie in it. {@code field} names the range in errors.
     */
    public static AddressRange of(IpPrefix subnet, InetAddress rangeStart, InetAddress rangeEnd, InetAddress gateway,
                                  String field) throws CniException {
        int bits = subnet.address().getAddress().length * 8;
        if (subnet.prefixLength() > bits - 2) {
            throw invalid(field + ".subnet: " + subnet + " is too small to allocate from");
        }
        InetAddress network = subnet.firstAddress();
        if (!network.equals(subnet.address())) {
            throw invalid(field + ".subnet: " + subnet + " has host bits set; the network address is "
                    + IpText.format(network));
        }
        InetAddress last = subnet.lastAddress();
        // The reference leaves the IPv4 broadcast address out, but not IPv6's last address.
        InetAddress defaultEnd = subnet.isIpv4()
                ? IpMath.fromNumber(IpMath.toNumber(last).subtract(BigInteger.ONE), 4) : last;
        InetAddress start = inSubnet(rangeStart, subnet, field + ".rangeStart", IpMath.next(network));
        InetAddress end = inSubnet(rangeEnd, subnet, field + ".rangeEnd", defaultEnd);
        InetAddress gw = inSubnet(gateway, subnet, field + ".gateway", IpMath.next(network));
        if (IpMath.compare(start, end) > 0) {
            throw invalid(field + ": rangeStart " + IpText.format(start) + " is after rangeEnd " + IpText.format(end));
        }
        return new AddressRange(subnet, start, end, gw);
    }

    private static InetAddress inSubnet(InetAddress a, IpPrefix subnet, String field, InetAddress fallback)
            throws CniException {
        if (a == null) {
            return fallback;
        }
        if (!subnet.contains(a)) {
            throw invalid(field + ": " + IpText.format(a) + " is not in subnet " + subnet);
        }
        return a;
    }

    private static CniException invalid(String msg) {
        return new CniException(ErrorCode.INVALID_NETWORK_CONFIG, msg);
    }

    public boolean isIpv4() {
        return subnet.isIpv4();
    }

    /** Within rangeStart..rangeEnd (the gateway included). */
    public boolean contains(InetAddress a) {
        return IpMath.sameFamily(a, rangeStart)
                && IpMath.compare(a, rangeStart) >= 0 && IpMath.compare(a, rangeEnd) <= 0;
    }

    /** May be handed out: in the range, and neither the gateway, the network nor the IPv4 broadcast address. */
    public boolean allocatable(InetAddress a) {
        return contains(a) && !a.equals(gateway) && !a.equals(subnet.address())
                && !(isIpv4() && a.equals(subnet.lastAddress()));
    }

    public boolean overlaps(AddressRange other) {
        return IpMath.sameFamily(rangeStart, other.rangeStart)
                && IpMath.compare(rangeStart, other.rangeEnd) <= 0 && IpMath.compare(other.rangeStart, rangeEnd) <= 0;
    }

    /** The address with this range's prefix length, as a result carries it. */
    public IpPrefix withPrefix(InetAddress a) {
        return new IpPrefix(a, subnet.prefixLength());
    }

    @Override
    public String toString() {
        return IpText.format(rangeStart) + "-" + IpText.format(rangeEnd);
    }
}
