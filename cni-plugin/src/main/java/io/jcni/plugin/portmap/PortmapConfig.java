package io.jcni.plugin.portmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.IpText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The portmap plugin's config, validated: every option of the reference plugin with its default.
 * Invalid values are code 7 with a message that starts with the option's path.
 *
 * @param network              the network name (part of the per-pod chain name and comment)
 * @param cniVersion           the version the result is written in
 * @param snat                 masquerade hairpin and localhost traffic to a host port (default true)
 * @param markMasqBit          the packet mark bit that asks for that masquerade (default 13)
 * @param externalSetMarkChain a chain someone else maintains that sets the mark; then no
 *                             CNI-HOSTPORT-SETMARK / CNI-HOSTPORT-MASQ chains are made
 * @param conditionsV4         extra iptables match arguments on the IPv4 CNI-HOSTPORT-DNAT entries
 * @param conditionsV6         the same for IPv6
 * @param masqAll              mark all traffic to the host ports, not just the pod subnet's
 * @param backend              the configured backend; empty means the reference's default
 * @param mappings             {@code runtimeConfig.portMappings}
 */
record PortmapConfig(String network, CniVersion cniVersion, boolean snat, int markMasqBit,
                     Optional<String> externalSetMarkChain, List<String> conditionsV4, List<String> conditionsV6,
                     boolean masqAll, Optional<PortmapBackend> backend, List<PortMapping> mappings) {
    static final int DEFAULT_MARK_BIT = 13;
    static final String MAPPINGS = "runtimeConfig.portMappings";
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);
    /** What iptables accepts as a user chain name: at most 28 characters, no blanks, not an option. */
    private static final Pattern CHAIN = Pattern.compile("[^\\s!-][^\\s!]{0,27}");

    PortmapConfig {
        conditionsV4 = List.copyOf(conditionsV4);
        conditionsV6 = List.copyOf(conditionsV6);
        mappings = List.copyOf(mappings);
    }

    static PortmapConfig of(NetworkConfig conf) throws CniException {
        ObjectNode raw = conf.raw();
        boolean snat = READER.optBoolean(raw, "", "snat").orElse(true);
        Optional<Integer> bit = READER.optInt(raw, "", "markMasqBit");
        Optional<String> external = READER.optString(raw, "", "externalSetMarkChain");
        if (bit.isPresent() && external.isPresent()) {
            throw READER.error("externalSetMarkChain", "cannot be combined with markMasqBit");
        }
        int markBit = bit.orElse(DEFAULT_MARK_BIT);
        if (markBit < 0 || markBit > 31) {
            throw READER.error("markMasqBit", "must be between 0 and 31, got " + markBit);
        }
        if (external.isPresent() && !CHAIN.matcher(external.get()).matches()) {
            throw READER.error("externalSetMarkChain", "not an iptables chain name (1-28 characters, no blanks): \""
                    + external.get() + "\"");
        }
        List<String> v4 = READER.optStringList(raw, "", "conditionsV4");
        List<String> v6 = READER.optStringList(raw, "", "conditionsV6");
        boolean masqAll = READER.optBoolean(raw, "", "masqAll").orElse(false);
        Optional<String> backendText = READER.optString(raw, "", "backend").filter(s -> !s.isEmpty());
        Optional<PortmapBackend> backend = Optional.empty();
        if (backendText.isPresent()) {
            backend = Optional.of(PortmapBackend.parse(backendText.get()).orElseThrow(() -> READER.error("backend",
                    "must be \"iptables\" or \"nftables\", got \"" + backendText.get() + "\"")));
        }
        if (backend.equals(Optional.of(PortmapBackend.NFTABLES)) && (!v4.isEmpty() || !v6.isEmpty())) {
            throw READER.error(v4.isEmpty() ? "conditionsV6" : "conditionsV4",
                    "nft rule text is not supported with backend nftables (jcni writes rules over netlink, it has no nft parser)");
        }
        return new PortmapConfig(conf.name(), conf.cniVersion(), snat, markBit, external, v4, v6, masqAll, backend,
                mappings(conf.runtimeConfig()));
    }

    /** The mark value both chains use, {@code 1 << markMasqBit}, as iptables prints it ({@code 0x2000/0x2000}). */
    String markDefinition() {
        String hex = "0x" + Long.toHexString(1L << markMasqBit);
        return hex + "/" + hex;
    }

    /** The chain hairpin and localhost traffic jumps to, to be marked for masquerade. */
    String setMarkChain() {
        return externalSetMarkChain.orElse(IptablesPortmapRules.SETMARK_CHAIN);
    }

    private static List<PortMapping> mappings(ObjectNode runtimeConfig) throws CniException {
        List<JsonNode> items = READER.optArray(runtimeConfig, "runtimeConfig", "portMappings");
        List<PortMapping> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String p = FieldReader.index(MAPPINGS, i);
            ObjectNode o = READER.object(items.get(i), p);
            int hostPort = port(o, p, "hostPort");
            int containerPort = port(o, p, "containerPort");
            String protoKey = key(o, "protocol");
            String protoText = READER.optString(o, p, protoKey).orElse("");
            Protocol protocol = Protocol.parse(protoText).orElseThrow(() -> READER.error(FieldReader.path(p, "protocol"),
                    "must be tcp, udp or sctp, got \"" + protoText + "\""));
            String ipKey = key(o, "hostIP");
            Optional<InetAddress> hostIp = Optional.empty();
            Optional<String> ipText = READER.optString(o, p, ipKey).filter(s -> !s.isEmpty());
            if (ipText.isPresent()) {
                try {
                    hostIp = Optional.of(IpText.parse(ipText.get()));
                } catch (IllegalArgumentException e) {
                    throw READER.error(FieldReader.path(p, "hostIP"), "not an IP address: \"" + ipText.get() + "\"");
                }
            }
            out.add(new PortMapping(hostPort, containerPort, protocol, hostIp));
        }
        return out;
    }

    private static int port(ObjectNode o, String parent, String name) throws CniException {
        String path = FieldReader.path(parent, name);
        int port = READER.optInt(o, parent, key(o, name)).orElseThrow(() -> READER.error(path, "missing"));
        if (port < 1 || port > 65535) {
            throw READER.error(path, "must be a port number 1..65535, got " + port);
        }
        return port;
    }

    /**
     * The key present in {@code o} for {@code name}: the exact one, else one equal ignoring case,
     * as Go's decoder matches ({@code HostPort} from containerd's CRI, {@code hostPort} in the
     * conventions). The name itself when neither is present.
     */
    private static String key(ObjectNode o, String name) {
        if (o.has(name)) {
            return name;
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return name;
    }
}
