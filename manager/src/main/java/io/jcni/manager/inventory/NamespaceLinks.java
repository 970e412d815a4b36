package io.jcni.manager.inventory;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.ns.NetNamespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The links of one network namespace and their global addresses (link-local ones left out). */
public record NamespaceLinks(List<Link> links, Map<Integer, List<InterfaceAddress>> addresses) {
    public NamespaceLinks {
        links = List.copyOf(links);
        addresses = Map.copyOf(addresses);
    }

    /** Reads {@code ns} over netlink. */
    public static NamespaceLinks read(NetNamespace ns) {
        try (Netlink nl = Netlink.open(ns)) {
            return read(nl);
        }
    }

    static NamespaceLinks read(Netlink nl) {
        List<Link> links = nl.links().list();
        Map<Integer, List<InterfaceAddress>> byLink = new HashMap<>();
        for (IpFamily f : IpFamily.values()) {
            for (Address a : nl.addresses().list(f)) {
                if (!a.address().isLinkLocalAddress()) {
                    byLink.computeIfAbsent(a.linkIndex(), k -> new ArrayList<>())
                            .add(new InterfaceAddress(a.address(), a.prefixLength()));
                }
            }
        }
        Map<Integer, List<InterfaceAddress>> frozen = new HashMap<>();
        byLink.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new NamespaceLinks(links, frozen);
    }

    public List<InterfaceAddress> addressesOf(int index) {
        return addresses.getOrDefault(index, List.of());
    }

    public java.util.Optional<Link> link(int index) {
        return links.stream().filter(l -> l.index() == index).findFirst();
    }

    public java.util.Optional<Link> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public List<Link> ofKind(String kind) {
        return links.stream().filter(l -> l.kind().filter(kind::equals).isPresent()).toList();
    }
}
