package io.jcni.manager.inventory;

import io.jcni.conf.result.IpText;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a runtime's CHECK would find wrong, for every attachment of an {@link Inventory} at once,
 * from the snapshot alone (no plugin is called, nothing changes).
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    public static List<Problem> of(Inventory inventory) {
        List<Problem> out = new ArrayList<>();
        for (Attachment a : inventory.attachments()) {
            out.addAll(of(a));
        }
        return out;
    }

    static List<Problem> of(Attachment a) {
        List<Problem> out = new ArrayList<>();
        AttachmentKey k = a.key();
        boolean alive = a.alive();
        a.vanishedNetns().ifPresent(ns -> out.add(new Problem(k, ProblemKind.NETNS_VANISHED, ns)));
        if (a.pod().isEmpty() && alive) {
            out.add(new Problem(k, ProblemKind.VETH_MISSING, a.hostVeth().map(v -> "host veth " + v.name() + " has no pod end")
                    .orElse("no veth into " + a.liveNetns().get())));
        }
        if (a.pod().isEmpty() && !a.reservations().isEmpty()) {
            out.add(new Problem(k, ProblemKind.RESERVED_WITHOUT_INTERFACE,
                    a.reservations().stream().map(IpText::format).collect(Collectors.joining(", "))));
        }
        if (a.pod().isPresent() && a.reservations().isEmpty() && a.network().flatMap(NetworkDefinition::hostLocalDir).isPresent()) {
            out.add(new Problem(k, ProblemKind.INTERFACE_WITHOUT_RESERVATION, a.pod().get().addresses().stream()
                    .map(InterfaceAddress::toString).collect(Collectors.joining(", ")) + " not in "
                    + a.network().get().hostLocalDir().get()));
        }
        if (!alive && !a.rules().isEmpty()) {
            out.add(new Problem(k, ProblemKind.RULES_WITHOUT_POD,
                    a.rules().stream().map(HostRule::where).distinct().collect(Collectors.joining(", "))));
        }
        if (a.pod().isPresent() && a.network().isPresent()) {
            NetworkDefinition n = a.network().get();
            if (n.ipMasq() && !a.has(RuleKind.MASQUERADE)) {
                out.add(new Problem(k, ProblemKind.POD_WITHOUT_RULES, "no masquerade rules (the bridge has ipMasq)"));
            }
            if (n.macSpoofCheck() && !a.has(RuleKind.SPOOFCHECK)) {
                out.add(new Problem(k, ProblemKind.POD_WITHOUT_RULES, "no MAC spoof check (the bridge has macspoofchk)"));
            }
            if (n.chains("firewall") && !a.has(RuleKind.FIREWALL)) {
                out.add(new Problem(k, ProblemKind.POD_WITHOUT_RULES, "no firewall rules (the chain has firewall)"));
            }
            if (n.chains("portmap") && a.cached().filter(CacheEntry::portMappings).isPresent() && !a.has(RuleKind.PORTMAP)) {
                out.add(new Problem(k, ProblemKind.POD_WITHOUT_RULES, "no portmap rules (ADD had portMappings)"));
            }
        }
        return out;
    }
}
