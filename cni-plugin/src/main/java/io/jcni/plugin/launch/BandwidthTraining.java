package io.jcni.plugin.launch;

import io.jcni.netlink.Netlink;
import io.jcni.netlink.link.Veth;
import io.jcni.netlink.ns.NetNamespace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bandwidth ADD/DEL pair for the AOT training, both directions shaped, on a veth pair of its
 * own between the training's private namespace and the pod namespace (the pair goes with them).
 */
final class BandwidthTraining {
    private static final String HOST_VETH = "jcni-trbw0";
    private static final String POD_IFNAME = "eth1";
    private static final String CONTAINER = "jcni-aot-training";

    private BandwidthTraining() {
    }

    /** Makes the veth pair in the calling thread's namespace and {@code pod}; returns the invocations. */
    static List<Invocation> invocations(Path pod) {
        try (NetNamespace ns = NetNamespace.open(pod); Netlink nl = Netlink.openCurrent()) {
            nl.links().add(Veth.named(HOST_VETH, POD_IFNAME).withPeerNamespace(ns));
            nl.links().setUp(HOST_VETH);
        }
        String config = """
                {"cniVersion":"1.1.0","name":"jcni-training","type":"bandwidth",
                 "ingressRate":8000000,"ingressBurst":80000,"egressRate":8000000,"egressBurst":80000,
                 "prevResult":{"cniVersion":"1.1.0","interfaces":[{"name":"%s"},{"name":"%s","sandbox":"%s"}]}}
                """.formatted(HOST_VETH, POD_IFNAME, pod);
        Map<String, String> add = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", CONTAINER,
                "CNI_NETNS", pod.toString(), "CNI_IFNAME", POD_IFNAME, "CNI_PATH", "");
        Map<String, String> del = Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", CONTAINER,
                "CNI_NETNS", pod.toString(), "CNI_IFNAME", POD_IFNAME, "CNI_PATH", "");
        return List.of(Invocation.of("bandwidth", add, config, 0), Invocation.of("bandwidth", del, config, 0));
    }
}
