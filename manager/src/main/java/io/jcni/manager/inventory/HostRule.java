package io.jcni.manager.inventory;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Optional;

/**
 * A host rule (or chain) that belongs to one attachment, and how it says so: a comment naming the
 * attachment ({@code key}, possibly partial), the pod address it matches ({@code address}, for the
 * firewall's iptables rules, which carry no owner), or a {@code CONTAINERID-IFNAME} reference
 * (MAC spoof checks).
 *
 * @param where the backend and place, e.g. {@code iptables nat CNI-5f2c...} or {@code nft inet cni_plugins_masquerade}
 */
public record HostRule(RuleKind kind, String where, AttachmentKey key, Optional<InetAddress> address,
                       Optional<String> reference) {
    public static HostRule of(RuleKind kind, String where, AttachmentKey key) {
        return new HostRule(kind, where, key, Optional.empty(), Optional.empty());
    }

    /** Whether this rule is one of {@code key}'s, whose pod has {@code addresses}. */
    public boolean belongsTo(AttachmentKey attachment, Collection<InetAddress> addresses) {
        if (reference.isPresent()) {
            return reference.get().equals(attachment.containerId() + "-" + attachment.ifname());
        }
        if (address.isPresent()) {
            return addresses.contains(address.get());
        }
        return !key.containerId().isEmpty() && !attachment.containerId().isEmpty() && key.matches(attachment);
    }
}
