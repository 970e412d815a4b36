package io.jcni.manager.inventory;

import io.jcni.netlink.link.Link;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything on the node that belongs to one attachment, gathered from the host veth and its pod
 * end, the IPAM store, libcni's result cache and the host rules. Any part may be missing: that is
 * what {@code jcni check} reports and {@code jcni gc} cleans.
 *
 * @param network      the network's definition in the config dir, when it has one
 * @param hostVeth     the host end of the pod's veth pair
 * @param bridge       the bridge the host veth is a port of
 * @param pod          the pod end of the veth pair, in its namespace
 * @param reservations addresses the host-local store holds for the attachment
 * @param cached       the runtime's cached ADD of the attachment
 * @param rules        the host rules that belong to it
 * @param ifb          the bandwidth plugin's ifb device for the pod's egress
 * @param tuningBackups the tuning plugin's backups of the pod interface's settings
 */
public record Attachment(AttachmentKey key, Maker maker, Optional<NetworkDefinition> network, Optional<Link> hostVeth,
                         Optional<String> bridge, Optional<PodInterface> pod, List<InetAddress> reservations,
                         Optional<CacheEntry> cached, List<HostRule> rules, Optional<String> ifb,
                         List<Path> tuningBackups) {
    public Attachment {
        reservations = List.copyOf(reservations);
        rules = List.copyOf(rules);
        tuningBackups = List.copyOf(tuningBackups);
    }

    /** Rule kinds and other host objects it holds, for a table column: {@code masq,portmap,ifb}. */
    public List<String> hostObjects() {
        List<String> out = new java.util.ArrayList<>(rules.stream().map(r -> r.kind().label()).distinct().toList());
        ifb.ifPresent(x -> out.add("ifb"));
        if (!tuningBackups.isEmpty()) {
            out.add("tuning");
        }
        return out;
    }

    /** The pod's namespace if it still exists: where its veth end is, else the cached path if it is still there. */
    public Optional<Path> liveNetns() {
        if (pod.isPresent()) {
            return Optional.of(pod.get().netns());
        }
        return cached.flatMap(CacheEntry::netns).map(Path::of).filter(PodNamespaces::exists);
    }

    /** The netns the runtime recorded, gone now. */
    public Optional<String> vanishedNetns() {
        return cached.flatMap(CacheEntry::netns).filter(p -> !PodNamespaces.exists(Path.of(p)));
    }

    /** The pod's addresses: on its interface, else the reserved ones. */
    public Set<InetAddress> addresses() {
        Set<InetAddress> out = new LinkedHashSet<>();
        pod.ifPresent(p -> p.addresses().forEach(a -> out.add(a.address())));
        out.addAll(reservations);
        return out;
    }

    public boolean has(RuleKind kind) {
        return rules.stream().anyMatch(r -> r.kind() == kind);
    }

    /** Whether the attachment is still wired: its pod end exists or its namespace does. */
    public boolean alive() {
        return liveNetns().isPresent();
    }
}
