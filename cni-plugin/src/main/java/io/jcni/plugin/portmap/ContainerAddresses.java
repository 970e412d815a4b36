package io.jcni.plugin.portmap;

import io.jcni.conf.result.Interface;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pod addresses ports are forwarded to, picked from prevResult as the reference does: the
 * first IPv4 and the first IPv6 address that is not on a known non-sandbox interface (an
 * interface of another name than CNI_IFNAME, or one without a sandbox).
 */
final class ContainerAddresses {
    private ContainerAddresses() {
    }

    /** At most one IPv4 then at most one IPv6 address, with their prefix lengths. */
    static List<IpPrefix> of(Result prev, String ifname) {
        Optional<IpPrefix> v4 = Optional.empty();
        Optional<IpPrefix> v6 = Optional.empty();
        for (IpConfig ip : prev.ips()) {
            boolean isV4 = ip.isIpv4();
            if ((isV4 && v4.isPresent()) || (!isV4 && v6.isPresent())) {
                continue;
            }
            Integer idx = ip.interfaceIndex();
            if (idx != null && idx >= 0 && idx < prev.interfaces().size()) {
                Interface i = prev.interfaces().get(idx);
                if (!ifname.equals(i.name()) || i.sandbox() == null || i.sandbox().isEmpty()) {
                    continue;
                }
            }
            if (isV4) {
                v4 = Optional.of(ip.address());
            } else {
                v6 = Optional.of(ip.address());
            }
        }
        List<IpPrefix> out = new ArrayList<>();
        v4.ifPresent(out::add);
        v6.ifPresent(out::add);
        return out;
    }
}
