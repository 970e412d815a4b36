package io.jcni.plugin.bandwidth;

import io.jcni.netlink.tc.Handles;
import io.jcni.netlink.tc.Mirred;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Tbf;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.netlink.wire.TcConstants;

import java.util.List;

/**
 * The tc objects the reference makes, in one place so ADD creates and CHECK expects the same:
 * a root tbf on the host veth for ingress; for egress an ingress qdisc on the host veth whose
 * match-all u32 filter (pref 1, flowid 1:1) redirects every packet to the ifb device, and a
 * root tbf there. The filter carries the redirect twice (stolen, then pass), as the reference's
 * netlink library writes it.
 */
final class TrafficShapes {
    static final int INGRESS_HANDLE = Handles.of(0xFFFF, 0);
    static final int FILTER_PRIORITY = 1;

    private TrafficShapes() {
    }

    static Qdisc tbf(int linkIndex, Tbf tbf) {
        return Qdisc.rootTbf(linkIndex, tbf);
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
