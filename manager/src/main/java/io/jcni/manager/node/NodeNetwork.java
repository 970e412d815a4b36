package io.jcni.manager.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.result.IpPrefix;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's network options: what {@code jcni node install} builds the conflist from. Read from
 * the JSON file a ConfigMap mounts ({@code --config}); the command line's {@code --network} and
 * {@code --cluster-cidr} win over the file.
 *
 * @param network      the conflist's network name (host-local's store dir, rule comments)
 * @param bridge       the bridge's name
 * @param mtu          the bridge's and veths' MTU; empty: the kernel's default
 * @param ipMasq       masquerade pod traffic leaving the cluster
 * @param hairpinMode  a pod reaches itself through a service address
 * @param clusterCidrs the whole cluster's pod CIDRs: never masqueraded (host-gw keeps pod sources)
 * @param portmap      chain portmap (hostPorts)
 * @param bandwidth    chain bandwidth (the bandwidth annotations)
 * @param cniVersion   the conflist's cniVersion
 */
public record NodeNetwork(String network, String bridge, Optional<Integer> mtu, boolean ipMasq, boolean hairpinMode,
                          List<IpPrefix> clusterCidrs, boolean portmap, boolean bandwidth, String cniVersion) {
    public static final String DEFAULT_NETWORK = "jcni";
    static final Set<String> KEYS = Set.of("network", "bridge", "mtu", "ipMasq", "hairpinMode", "clusterCidrs",
            "portmap", "bandwidth", "cniVersion");

    public NodeNetwork {
        clusterCidrs = List.copyOf(clusterCidrs);
    }

    /** The defaults: network {@code jcni}, bridge {@code cni0}, ipMasq, hairpin, portmap, bandwidth. */
    public static NodeNetwork defaults() {
        return new NodeNetwork(DEFAULT_NETWORK, "cni0", Optional.empty(), true, true, List.of(), true, true, "1.0.0");
    }

    /**
     * The options in {@code json} over the defaults; an unknown key or a value of the wrong kind
     * is an {@link IllegalArgumentException} naming {@code source} and the key.
     */
    public static NodeNetwork parse(JsonNode json, String source) {
        if (!(json instanceof ObjectNode o)) {
            throw new IllegalArgumentException(source + ": want a JSON object");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown option \"" + key + "\" (known: "
                        + KEYS.stream().sorted().toList() + ")");
            }
        }
        NodeNetwork d = defaults();
        List<IpPrefix> cluster = new ArrayList<>();
        JsonNode c = o.get("clusterCidrs");
        if (c != null) {
            if (!c.isArray()) {
                throw new IllegalArgumentException(source + ": clusterCidrs: want an array of CIDRs");
            }
            for (JsonNode e : c) {
                cluster.add(cidr(e.isTextual() ? e.asText() : e.toString(), source + ": clusterCidrs"));
            }
        }
        Optional<Integer> mtu = o.has("mtu") ? Optional.of(integer(o, "mtu", source)) : d.mtu();
        if (mtu.isPresent() && (mtu.get() < 68 || mtu.get() > 65535)) {
            throw new IllegalArgumentException(source + ": mtu: " + mtu.get() + " is outside 68..65535");
        }
        return new NodeNetwork(text(o, "network", d.network(), source), text(o, "bridge", d.bridge(), source), mtu,
                bool(o, "ipMasq", d.ipMasq(), source), bool(o, "hairpinMode", d.hairpinMode(), source), cluster,
                bool(o, "portmap", d.portmap(), source), bool(o, "bandwidth", d.bandwidth(), source),
                text(o, "cniVersion", d.cniVersion(), source));
    }

    public NodeNetwork withNetwork(String name) {
        return new NodeNetwork(name, bridge, mtu, ipMasq, hairpinMode, clusterCidrs, portmap, bandwidth, cniVersion);
    }

    public NodeNetwork withClusterCidrs(List<IpPrefix> cidrs) {
        return new NodeNetwork(network, bridge, mtu, ipMasq, hairpinMode, cidrs, portmap, bandwidth, cniVersion);
    }

    /** A network address with its length ({@code 10.244.0.0/16}); host bits set are refused. */
    public static IpPrefix cidr(String text, String what) {
        IpPrefix p;
        try {
            p = IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        if (!p.equals(p.subnet())) {
            throw new IllegalArgumentException(what + ": " + text + " has host bits set (the network is " + p.subnet() + ")");
        }
        return p;
    }

    private static String text(ObjectNode o, String key, String dflt, String source) {
        JsonNode v = o.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": " + key + ": want a non-empty string, got " + v);
        }
        return v.asText();
    }

    private static boolean bool(ObjectNode o, String key, boolean dflt, String source) {
        JsonNode v = o.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(source + ": " + key + ": want true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static int integer(ObjectNode o, String key, String source) {
        JsonNode v = o.get(key);
        if (!v.isInt()) {
            throw new IllegalArgumentException(source + ": " + key + ": want an integer, got " + v);
        }
        return v.asInt();
    }
}
