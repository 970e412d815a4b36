package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.Result;
import io.jcni.netlink.link.Link;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;

/**
 * The host end of the pod's veth, found as the reference finds it: the peer of the pod's
 * interface, which prevResult must list as a host-side interface (no sandbox).
 */
final class HostInterface {
    private HostInterface() {
    }

    static Link find(HostSide host, PodSide pod, String ifname, Result prev) throws CniException {
        if (prev.interfaces().isEmpty()) {
            throw error("prevResult: lists no interfaces; bandwidth must follow a plugin that creates a veth pair");
        }
        Link podLink = KernelCall.get("look up " + ifname + " in the pod", () -> pod.nl().links().find(ifname))
                .orElseThrow(() -> error("CNI_IFNAME: interface " + ifname + " does not exist in the pod"));
        if (!podLink.kind().equals(java.util.Optional.of("veth")) || podLink.parentIndex().isEmpty()) {
            throw error("interface " + ifname + " in the pod is not a veth; bandwidth shapes veth pairs only");
        }
        int peer = podLink.parentIndex().getAsInt();
        Link hostLink = KernelCall.get("look up ifindex " + peer, () -> host.nl().links().find(peer))
                .orElseThrow(() -> error("the veth peer of " + ifname + " (ifindex " + peer + ") is not in the host namespace"));
        for (Interface i : prev.interfaces()) {
            if ((i.sandbox() == null || i.sandbox().isEmpty()) && i.name().equals(hostLink.name())) {
                return hostLink;
            }
        }
        throw error("prevResult: lists no host interface " + hostLink.name() + " (the veth peer of " + ifname + ")");
    }

    private static CniException error(String message) {
        return new CniException(BandwidthErrors.NO_HOST_INTERFACE, message);
    }
}
