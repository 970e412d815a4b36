package io.jcni.manager.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.Json;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.ValidAttachment;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import io.jcni.conf.result.Result;
import io.jcni.manager.inventory.Attachment;
import io.jcni.manager.inventory.AttachmentKey;
import io.jcni.manager.inventory.HostRule;
import io.jcni.manager.inventory.Inventory;
import io.jcni.manager.inventory.NetworkDefinition;
import io.jcni.manager.inventory.RuleKind;
import io.jcni.plugin.kernel.AttachmentAlias;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes what belongs to no live attachment. An attachment is live when its pod namespace still
 * exists (its veth's pod end is there, or the namespace the runtime cached is) or the runtime's
 * valid list names it. The removal itself is the plugins' own GC verb (jcni's bridge with its IPAM,
 * portmap, firewall, bandwidth, tuning), run in this process for each network of the config dir
 * with the live attachments as {@code cni.dev/valid-attachments}; the firewall's iptables rules,
 * which carry no owner and so escape its GC, go by the firewall's DEL with the dead pod's
 * addresses, and so do the reference's tuning backups (tuning's DEL without a netns). What was
 * removed is what the inventory had before and not after.
 */
public final class GarbageCollector {
    private final Inventory.Scope scope;
    private final Set<ValidAttachment> valid;
    private final Consumer<String> progress;

    /**
     * @param valid    the runtime's valid attachments ({@code --valid-attachments}); empty: only namespaces decide
     * @param progress told which network is being collected, for a progress line
     */
    public GarbageCollector(Inventory.Scope scope, Set<ValidAttachment> valid, Consumer<String> progress) {
        this.scope = scope;
        this.valid = Set.copyOf(valid);
        this.progress = progress;
    }

    /**
     * What gc would remove, from a snapshot: what dead attachments of the config dir's networks
     * hold, and the firewall's owner-less rules of dead pods.
     */
    public List<Removal> plan(Inventory inventory) {
        List<Removal> out = new ArrayList<>();
        boolean firewallChained = scope.confDir().networks().stream().anyMatch(n -> n.chains("firewall"));
        for (Attachment a : inventory.attachments()) {
            if (live(a)) {
                continue;
            }
            if (a.network().isEmpty()) {
                // no config to run a GC with: only the firewall's owner-less rules, which its DEL removes by address
                if (a.key().network().isEmpty() && firewallChained) {
                    a.rules().stream().filter(r -> r.kind() == RuleKind.FIREWALL && r.address().isPresent())
                            .forEach(r -> out.add(new Removal(a.key(), r.kind().label(), r.where())));
                }
                continue;
            }
            for (InetAddress r : a.reservations()) {
                out.add(new Removal(a.key(), "reservation", IpText.format(r)
                        + a.network().flatMap(NetworkDefinition::hostLocalDir).map(d -> " in " + d).orElse("")));
            }
            a.hostVeth().filter(v -> v.alias().flatMap(AttachmentAlias::parse).isPresent())
                    .ifPresent(v -> out.add(new Removal(a.key(), "veth", v.name())));
            for (HostRule r : a.rules()) {
                out.add(new Removal(a.key(), r.kind().label(), r.where()));
            }
            a.ifb().ifPresent(i -> out.add(new Removal(a.key(), "ifb", i)));
            a.tuningBackups().forEach(f -> out.add(new Removal(a.key(), "tuning", f.toString())));
        }
        return out;
    }

    public GcReport run(boolean dryRun) {
        Inventory before = Inventory.take(scope);
        List<Removal> planned = plan(before);
        if (dryRun) {
            return new GcReport(true, planned, List.of(), List.of());
        }
        List<String> errors = new ArrayList<>();
        PluginFactory plugins = new PluginFactory(scope.hostNetns());
        List<NetworkDefinition> networks = scope.confDir().networks();
        for (int n = 0; n < networks.size(); n++) {
            NetworkDefinition net = networks.get(n);
            progress.accept("network " + (n + 1) + "/" + networks.size() + " " + net.name());
            if (net.confList().disableGC()) {
                continue;
            }
            collect(net, before, plugins, errors);
        }
        Inventory after = Inventory.take(scope);
        List<Removal> stillThere = plan(after);
        List<Removal> removed = planned.stream().filter(r -> !stillThere.contains(r)).toList();
        List<Removal> left = planned.stream().filter(stillThere::contains).toList();
        return new GcReport(false, removed, left, errors);
    }

    private void collect(NetworkDefinition net, Inventory inv, PluginFactory plugins, List<String> errors) {
        Set<ValidAttachment> keep = new LinkedHashSet<>(valid);
        for (Attachment a : inv.attachments()) {
            if (a.key().network().equals(net.name()) && live(a) && !a.key().containerId().isEmpty()) {
                keep.add(new ValidAttachment(a.key().containerId(), a.key().ifname().isEmpty() ? "eth0" : a.key().ifname()));
            }
        }
        List<String> types = net.pluginTypes();
        for (int i = 0; i < types.size(); i++) {
            Optional<CniPlugin> plugin = plugins.forType(types.get(i));
            if (plugin.isEmpty()) {
                continue;
            }
            try {
                ObjectNode conf = net.confList().pluginConfigJson(i, Optional.empty());
                ArrayNode list = conf.putArray(NetworkConfig.VALID_ATTACHMENTS);
                keep.forEach(v -> list.addObject().put("containerID", v.containerId()).put("ifname", v.ifname()));
                plugin.get().gc(request(Verb.GC, conf, "", "").build());
                if (types.get(i).equals("firewall")) {
                    firewallLeftovers(net, i, inv, plugin.get(), errors);
                } else if (types.get(i).equals("tuning")) {
                    tuningLeftovers(net, i, inv, plugin.get(), errors);
                }
            } catch (CniException e) {
                errors.add(net.name() + ": " + types.get(i) + " GC: " + e.msg() + (e.details().isEmpty() ? "" : " (" + e.details() + ")"));
            }
        }
    }

    /** The firewall's iptables rules of dead pods: its DEL with their addresses as prevResult. */
    private void firewallLeftovers(NetworkDefinition net, int index, Inventory inv, CniPlugin firewall, List<String> errors) {
        for (Attachment a : inv.attachments()) {
            if (live(a) || !(a.key().network().equals(net.name()) || a.key().network().isEmpty())) {
                continue;
            }
            List<IpConfig> ips = a.rules().stream().filter(r -> r.kind() == RuleKind.FIREWALL && r.address().isPresent())
                    .map(r -> new IpConfig(IpPrefix.host(r.address().get()), null, null)).distinct().toList();
            if (ips.isEmpty()) {
                continue;
            }
            try {
                Result prev = new Result(List.of(), ips, List.of(), Dns.EMPTY);
                ObjectNode conf = net.confList().pluginConfigJson(index, Optional.of(prev));
                firewall.del(request(Verb.DEL, conf, a.key().containerId().isEmpty() ? "jcni-gc" : a.key().containerId(),
                        a.key().ifname().isEmpty() ? "eth0" : a.key().ifname()).build());
            } catch (CniException e) {
                errors.add(net.name() + ": firewall DEL of " + a.key() + ": " + e.msg());
            }
        }
    }

    /**
     * Tuning backups the reference wrote (no {@code network} key, so tuning's GC leaves them): its
     * DEL without a netns, which only removes the backup.
     */
    private void tuningLeftovers(NetworkDefinition net, int index, Inventory inv, CniPlugin tuning, List<String> errors) {
        for (Attachment a : inv.attachments()) {
            if (live(a) || !a.key().network().equals(net.name()) || a.tuningBackups().isEmpty()) {
                continue;
            }
            try {
                ObjectNode conf = net.confList().pluginConfigJson(index, Optional.empty());
                tuning.del(request(Verb.DEL, conf, a.key().containerId(), a.key().ifname()).build());
            } catch (CniException e) {
                errors.add(net.name() + ": tuning DEL of " + a.key() + ": " + e.msg());
            }
        }
    }

    private Request.Builder request(Verb verb, ObjectNode conf, String containerId, String ifname) {
        Map<String, String> env = scope.environment();
        String cniPath = env.getOrDefault("CNI_PATH", "");
        List<Path> path = cniPath.isEmpty() ? List.of() : java.util.Arrays.stream(cniPath.split(":")).map(Path::of).toList();
        return Request.builder(verb).config(Json.compact(conf)).containerId(containerId).ifname(ifname).path(path)
                .environment(env);
    }

    private boolean live(Attachment a) {
        if (a.alive()) {
            return true;
        }
        AttachmentKey k = a.key();
        return valid.stream().anyMatch(v -> v.containerId().equals(k.containerId())
                && (k.ifname().isEmpty() || v.ifname().equals(k.ifname())));
    }
}
