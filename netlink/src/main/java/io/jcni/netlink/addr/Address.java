package io.jcni.netlink.addr;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Scope;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * An IP address on a link, e.g. 10.22.0.1/16 on ifindex 3.
 *
 * @param broadcast IPv4 broadcast address to set (empty: the kernel sets none)
 * @param flags on add: flags to request (e.g. {@link AddressFlag#NODAD}); on list: the kernel's flags
 * @param scope on add: a named scope; on list: {@link Scope#OTHER} for a number without a name
 * @param label IPv4 label (empty on IPv6)
 */
public record Address(int linkIndex, InetAddress address, int prefixLength, Optional<InetAddress> broadcast,
                      Set<AddressFlag> flags, Scope scope, Optional<String> label) {
    public Address {
        flags = Set.copyOf(flags);
        if (linkIndex <= 0) {
            throw new IllegalArgumentException("address link: invalid ifindex " + linkIndex);
        }
        int max = IpFamily.of(address).maxPrefixLength();
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("address prefix length: " + prefixLength + " is outside 0.." + max);
        }
        if (broadcast.isPresent() && IpFamily.of(broadcast.get()) != IpFamily.IPV4) {
            throw new IllegalArgumentException("address broadcast: only IPv4 addresses have one");
        }
    }

    /** An address in universe scope without flags. */
    public static Address of(int linkIndex, InetAddress address, int prefixLength) {
        return new Address(linkIndex, address, prefixLength, Optional.empty(), Set.of(), Scope.UNIVERSE, Optional.empty());
    }

    public Address withBroadcast(InetAddress broadcast) {
        return new Address(linkIndex, address, prefixLength, Optional.of(broadcast), flags, scope, label);
    }

    public Address withFlags(Set<AddressFlag> flags) {
        return new Address(linkIndex, address, prefixLength, broadcast, flags, scope, label);
    }

    public Address withScope(Scope scope) {
        return new Address(linkIndex, address, prefixLength, broadcast, flags, scope, label);
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " on ifindex " + linkIndex;
    }
}
