package io.jcni.plugin.portmap;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One entry of the {@code portMappings} capability: traffic to {@code hostPort} (on
 * {@code hostIp} when given) goes to the pod's {@code containerPort}.
 *
 * @param hostIp empty when absent or empty in the config; may be the unspecified address
 */
record PortMapping(int hostPort, int containerPort, Protocol protocol, Optional<InetAddress> hostIp) {
    /** Whether this mapping applies to a pod address of the family {@code v6}: a host IP of the other family skips it. */
    boolean appliesTo(boolean v6) {
        return hostIp.isEmpty() || (hostIp.get().getAddress().length == 16) == v6;
    }

    /** The host IP to match as destination: absent when none is given or it is 0.0.0.0 / ::. */
    Optional<InetAddress> destination() {
        return hostIp.filter(a -> !a.isAnyLocalAddress());
    }
}
