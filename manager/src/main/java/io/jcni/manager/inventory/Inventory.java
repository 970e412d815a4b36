package io.jcni.manager.inventory;

import io.jcni.manager.net.CachedAttachment;
import io.jcni.manager.net.ResultCache;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpText;
import io.jcni.ipam.hostlocal.HostLocalStore;
import io.jcni.ipam.hostlocal.Reservation;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.kernel.AttachmentAlias;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.bandwidth.IfbName;
import io.jcni.plugin.tuning.TuningBackups;
import io.jcni.conf.NetworkConfig;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of every attachment on a node (a host network namespace): what the plugins made,
 * gathered without any plugin call and without changing anything.
 */
public record Inventory(List<Attachment> attachments, List<BridgeView> bridges, List<String> problems) {
    public Inventory {
        attachments = List.copyOf(attachments);
        bridges = List.copyOf(bridges);
        problems = List.copyOf(problems);
    }

    /** Where to look: the host namespace (empty: this process's), the config dir's networks, the result cache. */
    public record Scope(Optional<Path> hostNetns, ConfDir confDir, Path cacheDir, Map<String, String> environment) {
    }

    public static Inventory take(Scope scope) {
        try (NetNamespace ns = scope.hostNetns().map(NetNamespace::open).orElseGet(NetNamespace::current);
             Netlink nl = scope.hostNetns().isPresent() ? Netlink.open(ns) : Netlink.openCurrent()) {
            NamespaceLinks host = NamespaceLinks.read(nl);
            List<HostRule> rules = HostRules.read(new HostTools(scope.hostNetns(), scope.environment()), ns);
            return new Builder(scope, host, rules, ns.inode(), nl).build();
        }
    }

    public Optional<Attachment> find(AttachmentKey key) {
        return attachments.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** Collects the evidence by attachment. */
    private static final class Builder {
        private final Scope scope;
        private final NamespaceLinks host;
        private final List<HostRule> rules;
        private final long hostInode;
        private final Netlink nl;
        private final List<String> problems = new ArrayList<>();
        private final Map<AttachmentKey, List<InetAddress>> reserved = new TreeMap<>();
        private final Map<String, AttachmentKey> reservedBy = new HashMap<>();
        private final Map<AttachmentKey, CacheEntry> cached = new TreeMap<>();
        private final Map<String, AttachmentKey> cachedVeth = new HashMap<>();
        private final List<Map.Entry<AttachmentKey, Parts>> unnamed = new ArrayList<>();

        Builder(Scope scope, NamespaceLinks host, List<HostRule> rules, long hostInode, Netlink nl) {
            this.nl = nl;
            this.scope = scope;
            this.host = host;
            this.rules = rules;
            this.hostInode = hostInode;
        }

        Inventory build() {
            problems.addAll(scope.confDir().problems());
            readStores();
            readCache();
            Map<String, String> networkOfBridge = new HashMap<>();
            for (NetworkDefinition n : scope.confDir().networks()) {
                n.bridge().ifPresent(b -> networkOfBridge.putIfAbsent(b, n.name()));
            }
            List<Link> candidates = new ArrayList<>();
            for (Link l : host.ofKind("veth")) {
                boolean tagged = l.alias().flatMap(AttachmentAlias::parse).isPresent();
                boolean onNetworkBridge = l.masterIndex().isPresent()
                        && host.link(l.masterIndex().getAsInt()).map(b -> networkOfBridge.containsKey(b.name())).orElse(false);
                if (tagged || onNetworkBridge || cachedVeth.containsKey(l.name())) {
                    candidates.add(l);
                }
            }
            Map<Integer, PodInterface> pods = PodNamespaces.scan(hostInode).peersOf(nl.socket(), candidates);

            Map<AttachmentKey, Parts> parts = new LinkedHashMap<>();
            for (Link veth : candidates) {
                Optional<PodInterface> pod = Optional.ofNullable(pods.get(veth.index()));
                Optional<String> bridge = veth.masterIndex().isPresent()
                        ? host.link(veth.masterIndex().getAsInt()).map(Link::name) : Optional.empty();
                Optional<AttachmentAlias> alias = veth.alias().flatMap(AttachmentAlias::parse);
                AttachmentKey key;
                Maker maker;
                if (alias.isPresent()) {
                    key = new AttachmentKey(alias.get().network(), alias.get().containerId(), alias.get().ifname());
                    maker = Maker.JCNI;
                } else {
                    maker = Maker.REFERENCE;
                    String network = bridge.map(networkOfBridge::get).orElse("");
                    key = Optional.ofNullable(cachedVeth.get(veth.name()))
                            .or(() -> pod.flatMap(p -> p.addresses().stream()
                                    .map(a -> reservedBy.get(network + "|" + IpText.format(a.address())))
                                    .filter(k -> k != null).findFirst()))
                            .orElse(new AttachmentKey(network, "", pod.map(p -> p.link().name()).orElse("")));
                }
                // veths nothing names (no cache entry, no reservation) may share a partial key: each stays its own
                Parts p = key.containerId().isEmpty() && parts.containsKey(key) ? unnamed(key) : parts.computeIfAbsent(key, k -> new Parts());
                p.maker = maker;
                p.veth = Optional.of(veth);
                p.bridge = bridge;
                p.pod = pod;
            }
            // reservations make attachments too; the runtime's cache alone does not (it is not
            // something the plugins made), it only adds what it knows to the others
            for (AttachmentKey k : reserved.keySet()) {
                parts.computeIfAbsent(resolve(parts, k), x -> new Parts());
            }
            List<Attachment> out = new ArrayList<>();
            Map<AttachmentKey, Parts> all = new TreeMap<>(parts);
            for (Map.Entry<AttachmentKey, Parts> e : all.entrySet()) {
                out.add(attachment(e.getKey(), e.getValue()));
            }
            unnamed.forEach(e -> out.add(attachment(e.getKey(), e.getValue())));
            // rules nobody claims: their own (partial) attachments, so check and gc see them
            Map<AttachmentKey, List<HostRule>> orphans = new TreeMap<>();
            for (HostRule r : rules) {
                if (out.stream().noneMatch(a -> r.belongsTo(a.key(), a.addresses()))) {
                    AttachmentKey k = r.reference().map(ref -> new AttachmentKey("", ref, "")).orElse(r.key());
                    orphans.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
                }
            }
            orphans.forEach((k, rs) -> out.add(new Attachment(k, Maker.UNKNOWN, scope.confDir().network(k.network()),
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), rs, Optional.empty(),
                    List.of())));
            return new Inventory(out, bridges(out), problems);
        }

        private Parts unnamed(AttachmentKey key) {
            Parts p = new Parts();
            unnamed.add(Map.entry(key, p));
            return p;
        }

        /** A reservation's key as a veth already named it (stores of old reference versions hold no ifname). */
        private AttachmentKey resolve(Map<AttachmentKey, Parts> parts, AttachmentKey k) {
            if (parts.containsKey(k)) {
                return k;
            }
            return parts.keySet().stream().filter(p -> sameContainer(p, k)).findFirst().orElse(k);
        }

        /** Same network and container, and one of them does not know the ifname. */
        private static boolean sameContainer(AttachmentKey a, AttachmentKey b) {
            return a.network().equals(b.network()) && !a.containerId().isEmpty() && a.containerId().equals(b.containerId())
                    && (a.ifname().isEmpty() || b.ifname().isEmpty());
        }

        private Attachment attachment(AttachmentKey key, Parts p) {
            List<InetAddress> addresses = new ArrayList<>();
            reserved.forEach((k, v) -> {
                if (k.equals(key) || (sameContainer(k, key) && !reserved.containsKey(key))) {
                    addresses.addAll(v);
                }
            });
            Optional<CacheEntry> cache = Optional.ofNullable(cached.get(key));
            List<InetAddress> podAddresses = new ArrayList<>(addresses);
            p.pod.ifPresent(pod -> pod.addresses().forEach(a -> podAddresses.add(a.address())));
            List<HostRule> mine = rules.stream().filter(r -> r.belongsTo(key, podAddresses)).toList();
            Optional<NetworkDefinition> network = scope.confDir().network(key.network());
            return new Attachment(key, p.veth.isPresent() ? p.maker : Maker.UNKNOWN, network,
                    p.veth, p.bridge, p.pod, addresses, cache, mine, ifb(key), network.map(n -> tuningBackups(n, key)).orElse(List.of()));
        }

        /** The bandwidth plugin's ifb of the attachment (named from network and container, as both implementations do). */
        private Optional<String> ifb(AttachmentKey key) {
            if (key.network().isEmpty() || key.containerId().isEmpty()) {
                return Optional.empty();
            }
            String name = IfbName.of(key.network(), key.containerId());
            return host.link(name).filter(l -> l.kind().filter("ifb"::equals).isPresent()).map(Link::name);
        }

        /** The tuning plugin's backup files of the attachment, in each tuning entry's data dir. */
        private List<Path> tuningBackups(NetworkDefinition n, AttachmentKey key) {
            List<Path> out = new ArrayList<>();
            if (key.containerId().isEmpty() || key.ifname().isEmpty()) {
                return out;
            }
            List<String> types = n.pluginTypes();
            for (int i = 0; i < types.size(); i++) {
                if (!types.get(i).equals("tuning")) {
                    continue;
                }
                try {
                    Path dir = TuningBackups.dataDir(NetworkConfig.parse(n.confList().pluginConfig(i, Optional.empty())));
                    Path f = TuningBackups.file(dir, key.containerId(), key.ifname());
                    if (java.nio.file.Files.exists(f) && !out.contains(f)) {
                        out.add(f);
                    }
                } catch (CniException e) {
                    problems.add(n.file() + ": tuning: " + e.msg());
                }
            }
            return out;
        }

        private void readStores() {
            for (NetworkDefinition n : scope.confDir().networks()) {
                if (n.hostLocalDir().isEmpty() || !java.nio.file.Files.isDirectory(n.hostLocalDir().get())) {
                    continue;
                }
                Path dir = n.hostLocalDir().get();
                try (HostLocalStore.Locked store = HostLocalStore.of(dir.getParent(), n.name()).lock()) {
                    for (Reservation r : store.reservations()) {
                        AttachmentKey k = new AttachmentKey(n.name(), r.containerId(), r.ifname());
                        reserved.computeIfAbsent(k, x -> new ArrayList<>()).add(r.address());
                        reservedBy.put(n.name() + "|" + IpText.format(r.address()), k);
                    }
                } catch (CniException e) {
                    problems.add("cannot read the IPAM store " + dir + ": " + e.msg());
                }
            }
        }

        private void readCache() {
            List<CachedAttachment> entries;
            try {
                entries = new ResultCache(scope.cacheDir()).listAll();
            } catch (CniException e) {
                problems.add("cannot read the result cache " + scope.cacheDir() + ": " + e.msg());
                return;
            }
            for (CacheEntry c : entries.stream().map(CacheEntry::of).toList()) {
                if (scope.confDir().network(c.key().network()).isPresent()) {
                    cached.put(c.key(), c);
                    c.hostVeths().forEach(v -> cachedVeth.put(v, c.key()));
                }
            }
        }

        private List<BridgeView> bridges(List<Attachment> attachments) {
            List<BridgeView> out = new ArrayList<>();
            for (Link b : host.ofKind("bridge")) {
                List<Link> ports = host.links().stream()
                        .filter(l -> l.masterIndex().isPresent() && l.masterIndex().getAsInt() == b.index()).toList();
                List<String> networks = scope.confDir().networks().stream()
                        .filter(n -> n.bridge().filter(b.name()::equals).isPresent()).map(NetworkDefinition::name).toList();
                List<AttachmentKey> on = attachments.stream().filter(a -> a.bridge().filter(b.name()::equals).isPresent())
                        .map(Attachment::key).toList();
                out.add(new BridgeView(b, host.addressesOf(b.index()), ports, networks, on));
            }
            return out;
        }
    }

    /** What the host links told about one attachment. */
    private static final class Parts {
        Maker maker = Maker.UNKNOWN;
        Optional<Link> veth = Optional.empty();
        Optional<String> bridge = Optional.empty();
        Optional<PodInterface> pod = Optional.empty();
    }
}
