package io.jcni.plugin.bandwidth;

import io.jcni.netlink.tc.Handles;
import io.jcni.netlink.tc.Mirred;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.netlink.wire.TcConstants;

import java.util.List;

/**
 * The egress redirect the reference makes, in one place so ADD creates and CHECK expects the same:
 * an ingress qdisc on the host veth whose match-all u32 filter (pref 1, flowid 1:1) sends every
 * packet to the ifb device, where {@link RootShaping} queues it. The filter carries the redirect
 * twice (stolen, then pass), as the reference's netlink library writes it.
 */
final class EgressRedirect {
    static final int INGRESS_HANDLE = Handles.of(0xFFFF, 0);
    static final int FILTER_PRIORITY = 1;

    private EgressRedirect() {
    }

    static Qdisc ingress(int linkIndex) {
        return Qdisc.ingress(linkIndex);
    }

    static U32Filter redirect(int hostIndex, int ifbIndex) {
        return new U32Filter(hostIndex, INGRESS_HANDLE, FILTER_PRIORITY, TcConstants.ETH_P_ALL, 0, Handles.of(1, 1),
                List.of(), redirectActions(ifbIndex));
    }

    static List<Mirred> redirectActions(int ifbIndex) {
        return List.of(Mirred.egressRedirect(ifbIndex), new Mirred(Mirred.EGRESS_REDIRECT, ifbIndex, Mirred.PASS));
    }
}
