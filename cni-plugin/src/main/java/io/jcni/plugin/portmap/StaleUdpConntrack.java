package io.jcni.plugin.portmap;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.conntrack.Conntrack;
import io.jcni.netlink.ns.NetNamespace;

import java.util.List;

/**
 * After the rules are in place, ADD deletes the host's conntrack entries for UDP to each mapped
 * host port, as the reference does: an entry made before the mapping existed (a client that kept
 * sending to the port) would keep steering the flow past the new DNAT. Over ctnetlink, no
 * {@code conntrack} process. A failure does not fail the ADD (the reference only logs it).
 */
final class StaleUdpConntrack {
    private StaleUdpConntrack() {
    }

    /** Returns how many entries went; a kernel refusal counts as none. */
    static int flush(NetNamespace hostNs, IpFamily family, List<PortMapping> mappings) {
        List<Integer> ports = mappings.stream().filter(m -> m.protocol() == Protocol.UDP).map(PortMapping::hostPort)
                .distinct().toList();
        if (ports.isEmpty()) {
            return 0;
        }
        try (Conntrack ct = Conntrack.open(hostNs)) {
            return ct.deleteMatching(family, e -> e.original().protocol() == Protocol.UDP.number()
                    && ports.contains(e.original().destinationPort()));
        } catch (NetlinkException e) {
            return 0;
        }
    }
}
