package io.jcni.manager.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.Json;
import io.jcni.conf.result.IpPrefix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's conflist: bridge (default gateway, masquerade except towards the cluster's pod
 * CIDRs, host-local with one range set per pod CIDR, so two CIDRs make the pods dual-stack),
 * then portmap and bandwidth driven by the runtime's capability arguments. containerd runs
 * loopback itself, so it is not listed.
 */
public final class NodeConflist {
    private NodeConflist() {
    }

    /**
     * Checks the pod CIDRs (one, or two of different families, each inside a cluster CIDR of its
     * family when cluster CIDRs are given) and renders the conflist.
     */
    public static String render(NodeNetwork net, List<IpPrefix> podCidrs) {
        validate(podCidrs, net.clusterCidrs());
        ObjectNode root = Json.object();
        root.put("cniVersion", net.cniVersion());
        root.put("name", net.network());
        ArrayNode plugins = root.putArray("plugins");

        ObjectNode bridge = plugins.addObject();
        bridge.put("type", "bridge");
        bridge.put("bridge", net.bridge());
        bridge.put("isDefaultGateway", true);
        bridge.put("ipMasq", net.ipMasq());
        if (net.ipMasq() && !net.clusterCidrs().isEmpty()) {
            ArrayNode exclude = bridge.putArray("ipMasqExcludeCidrs");
            net.clusterCidrs().forEach(c -> exclude.add(c.toString()));
        }
        bridge.put("hairpinMode", net.hairpinMode());
        net.mtu().ifPresent(m -> bridge.put("mtu", m));
        ObjectNode ipam = bridge.putObject("ipam");
        ipam.put("type", "host-local");
        ArrayNode ranges = ipam.putArray("ranges");
        for (IpPrefix p : podCidrs) {
            ranges.addArray().addObject().put("subnet", p.toString());
        }
        if (net.portmap()) {
            ObjectNode portmap = plugins.addObject();
            portmap.put("type", "portmap");
            portmap.putObject("capabilities").put("portMappings", true);
        }
        if (net.bandwidth()) {
            ObjectNode bandwidth = plugins.addObject();
            bandwidth.put("type", "bandwidth");
            bandwidth.putObject("capabilities").put("bandwidth", true);
        }
        return new String(Json.pretty(root), StandardCharsets.UTF_8) + "\n";
    }

    static void validate(List<IpPrefix> podCidrs, List<IpPrefix> clusterCidrs) {
        if (podCidrs.isEmpty() || podCidrs.size() > 2) {
            throw new IllegalArgumentException("--pod-cidr: want one CIDR, or two (IPv4 and IPv6), got " + podCidrs.size());
        }
        if (podCidrs.size() == 2 && podCidrs.get(0).isIpv4() == podCidrs.get(1).isIpv4()) {
            throw new IllegalArgumentException("--pod-cidr: " + podCidrs.get(0) + " and " + podCidrs.get(1)
                    + " are of the same family (dual stack needs one IPv4 and one IPv6 CIDR)");
        }
        if (clusterCidrs.isEmpty()) {
            return;
        }
        List<String> outside = new ArrayList<>();
        for (IpPrefix p : podCidrs) {
            boolean inside = clusterCidrs.stream().anyMatch(c -> c.isIpv4() == p.isIpv4()
                    && c.prefixLength() <= p.prefixLength() && c.contains(p.address()));
            if (!inside) {
                outside.add(p.toString());
            }
        }
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("--cluster-cidr: the pod CIDR(s) " + String.join(", ", outside)
                    + " lie outside every cluster CIDR " + clusterCidrs);
        }
    }
}
