package io.jcni.manager.inventory;

import java.util.Comparator;

/**
 * Which attachment something belongs to: network, container ID, pod interface name, as the
 * runtime named them. A part that the evidence does not tell (an iptables chain names no ifname, a
 * veth nobody tagged names no network) is empty.
 */
public record AttachmentKey(String network, String containerId, String ifname) implements Comparable<AttachmentKey> {
    private static final Comparator<AttachmentKey> ORDER = Comparator.comparing(AttachmentKey::network)
            .thenComparing(AttachmentKey::containerId).thenComparing(AttachmentKey::ifname);

    public AttachmentKey {
        network = network == null ? "" : network;
        containerId = containerId == null ? "" : containerId;
        ifname = ifname == null ? "" : ifname;
    }

    /** Whether {@code other} may name the same attachment: equal where both know the part. */
    public boolean matches(AttachmentKey other) {
        return part(network, other.network) && part(containerId, other.containerId) && part(ifname, other.ifname);
    }

    private static boolean part(String a, String b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b);
    }

    @Override
    public int compareTo(AttachmentKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return (network.isEmpty() ? "?" : network) + "/" + (containerId.isEmpty() ? "?" : containerId) + "/"
                + (ifname.isEmpty() ? "?" : ifname);
    }
}
