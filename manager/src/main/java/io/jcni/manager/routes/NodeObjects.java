package io.jcni.manager.routes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads {@link PeerNode}s out of the API's Node objects, skipping (and reporting) values that do not parse. */
final class NodeObjects {
    private NodeObjects() {
    }

    static PeerNode peer(Node n, Consumer<String> log) {
        String name = n.getMetadata().getName();
        List<String> cidrTexts = new ArrayList<>();
        if (n.getSpec() != null) {
            if (n.getSpec().getPodCIDRs() != null && !n.getSpec().getPodCIDRs().isEmpty()) {
                cidrTexts.addAll(n.getSpec().getPodCIDRs());
            } else if (n.getSpec().getPodCIDR() != null) {
                cidrTexts.add(n.getSpec().getPodCIDR());
            }
        }
        List<IpPrefix> cidrs = new ArrayList<>();
        for (String c : cidrTexts) {
            try {
                cidrs.add(IpPrefix.parse(c).subnet());
            } catch (IllegalArgumentException e) {
                log.accept("host-gw: node " + name + ": spec.podCIDRs: " + e.getMessage());
            }
        }
        List<InetAddress> ips = new ArrayList<>();
        if (n.getStatus() != null && n.getStatus().getAddresses() != null) {
            for (NodeAddress a : n.getStatus().getAddresses()) {
                if ("InternalIP".equals(a.getType())) {
                    try {
                        ips.add(IpText.parse(a.getAddress()));
                    } catch (IllegalArgumentException e) {
                        log.accept("host-gw: node " + name + ": status.addresses InternalIP: " + e.getMessage());
                    }
                }
            }
        }
        return new PeerNode(name, cidrs, ips);
    }
}
