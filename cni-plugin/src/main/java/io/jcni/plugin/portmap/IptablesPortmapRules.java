package io.jcni.plugin.portmap;

import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import io.jcni.plugin.rules.Sha512;
import io.jcni.plugin.rules.IptablesDump;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The reference plugin's iptables rules (all in table nat), as data:
 * <pre>
 * PREROUTING, OUTPUT:   -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT
 * CNI-HOSTPORT-DNAT:    -p tcp -m comment --comment "dnat name: \"NET\" id: \"ID\"" -m multiport --dports 8080,8081 -j CNI-DN-HASH
 * CNI-DN-HASH:          [-s POD_SUBNET | -s 127.0.0.1] [-d HOSTIP] -p tcp --dport 8080 -j CNI-HOSTPORT-SETMARK
 *                       [-d HOSTIP] -p tcp --dport 8080 -j DNAT --to-destination POD_IP:80
 * POSTROUTING (first):  -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ
 * CNI-HOSTPORT-SETMARK: -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000
 * CNI-HOSTPORT-MASQ:    -m mark --mark 0x2000/0x2000 -j MASQUERADE
 * </pre>
 * The per-pod chain's name is derived from (network, container ID), so DEL, CHECK and GC find it
 * without state, and either implementation finds the other's.
 */
final class IptablesPortmapRules {
    static final String DNAT_CHAIN = "CNI-HOSTPORT-DNAT";
    static final String SETMARK_CHAIN = "CNI-HOSTPORT-SETMARK";
    static final String MASQ_CHAIN = "CNI-HOSTPORT-MASQ";
    /** Made by plugin versions before 0.7; DEL still removes a pod's chain under it. */
    static final String OLD_SNAT_CHAIN = "CNI-HOSTPORT-SNAT";
    static final String SETMARK_COMMENT = "CNI portfwd masquerade mark";
    static final String MASQ_COMMENT = "CNI portfwd requiring masquerade";
    /** multiport takes at most 15 ports per rule. */
    static final int MULTIPORT_MAX = 15;
    private static final int MAX_COMMENT = 255;

    private IptablesPortmapRules() {
    }

    /** {@code CNI-DN-} + SHA-512(network + containerID) in hex, cut at 28 characters. */
    static String dnatChain(String network, String containerId) {
        return chainName("DN-", network, containerId);
    }

    static String oldSnatChain(String network, String containerId) {
        return chainName("SN-", network, containerId);
    }

    private static String chainName(String prefix, String network, String containerId) {
        return "CNI-" + prefix + Sha512.hexPrefix(network + containerId, 28 - 4 - prefix.length());
    }

    /** The comment on a pod's CNI-HOSTPORT-DNAT entries (plain quotes, not Go's %q, as the reference writes it). */
    static String comment(String network, String containerId) {
        String c = "dnat name: \"" + network + "\" id: \"" + containerId + "\"";
        return c.length() <= MAX_COMMENT ? c : c.substring(0, MAX_COMMENT - 2) + "...";
    }

    /** PREROUTING and OUTPUT into CNI-HOSTPORT-DNAT for local destinations. */
    static List<IptablesRule> topLevelJumps() {
        List<IptablesRule> out = new ArrayList<>();
        for (String entry : List.of("PREROUTING", "OUTPUT")) {
            out.add(new IptablesRule(entry, List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", DNAT_CHAIN),
                    Optional.of("-A " + entry + " -m addrtype --dst-type LOCAL -j " + DNAT_CHAIN)));
        }
        return out;
    }

    static IptablesRule setMarkRule(PortmapConfig cfg) {
        String mark = cfg.markDefinition();
        return new IptablesRule(SETMARK_CHAIN, List.of("-m", "comment", "--comment", SETMARK_COMMENT, "-j", "MARK",
                "--set-xmark", mark), Optional.of("-A " + SETMARK_CHAIN + " -m comment --comment "
                + IptablesDump.quoteComment(SETMARK_COMMENT) + " -j MARK --set-xmark " + mark));
    }

    static IptablesRule masqRule(PortmapConfig cfg) {
        String mark = cfg.markDefinition();
        return new IptablesRule(MASQ_CHAIN, List.of("-m", "mark", "--mark", mark, "-j", "MASQUERADE"),
                Optional.of("-A " + MASQ_CHAIN + " -m mark --mark " + mark + " -j MASQUERADE"));
    }

    /** Inserted first in POSTROUTING, ahead of the bridge's masquerade jumps. */
    static IptablesRule masqJump() {
        return new IptablesRule("POSTROUTING", List.of("-m", "comment", "--comment", MASQ_COMMENT, "-j", MASQ_CHAIN),
                Optional.of("-A POSTROUTING -m comment --comment " + IptablesDump.quoteComment(MASQ_COMMENT)
                        + " -j " + MASQ_CHAIN));
    }

    /**
     * CNI-HOSTPORT-DNAT's entries into the pod's chain: per protocol (sorted by name), per group
     * of at most 15 host ports (in mapping order, all mappings, whatever their host IP).
     */
    static List<IptablesRule> dnatEntries(PortmapConfig cfg, String containerId, IpPrefix pod) {
        boolean v6 = !pod.isIpv4();
        String chain = dnatChain(cfg.network(), containerId);
        String comment = comment(cfg.network(), containerId);
        List<String> conditions = v6 ? cfg.conditionsV6() : cfg.conditionsV4();
        Map<String, List<Integer>> byProto = new TreeMap<>();
        for (PortMapping m : cfg.mappings()) {
            byProto.computeIfAbsent(m.protocol().text(), k -> new ArrayList<>()).add(m.hostPort());
        }
        List<IptablesRule> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byProto.entrySet()) {
            List<Integer> ports = e.getValue();
            for (int from = 0; from < ports.size(); from += MULTIPORT_MAX) {
                String spec = ports.subList(from, Math.min(ports.size(), from + MULTIPORT_MAX)).stream()
                        .map(String::valueOf).collect(Collectors.joining(","));
                List<String> args = new ArrayList<>(List.of("-m", "comment", "--comment", comment, "-m", "multiport",
                        "-p", e.getKey(), "--destination-ports", spec));
                args.addAll(conditions);
                args.addAll(List.of("-j", chain));
                Optional<String> saved = conditions.isEmpty()
                        ? Optional.of("-A " + DNAT_CHAIN + " -p " + e.getKey() + " -m comment --comment "
                        + IptablesDump.quoteComment(comment) + " -m multiport --dports " + spec + " -j " + chain)
                        : Optional.empty();
                out.add(new IptablesRule(DNAT_CHAIN, args, saved));
            }
        }
        return out;
    }

    /**
     * The pod chain's rules, per mapping of the pod address's family: with snat, mark hairpin
     * traffic (from the pod subnet) and, for IPv4, localhost traffic for masquerade; then DNAT.
     */
    static List<IptablesRule> podRules(PortmapConfig cfg, String containerId, IpPrefix pod) {
        boolean v6 = !pod.isIpv4();
        String chain = dnatChain(cfg.network(), containerId);
        List<IptablesRule> out = new ArrayList<>();
        for (PortMapping m : cfg.mappings()) {
            if (!m.appliesTo(v6)) {
                continue;
            }
            String proto = m.protocol().text();
            List<String> base = new ArrayList<>(List.of("-p", proto, "--dport", String.valueOf(m.hostPort())));
            String savedMatch = " -p " + proto + " -m " + proto + " --dport " + m.hostPort();
            String savedDst = "";
            Optional<InetAddress> dst = m.destination();
            if (dst.isPresent()) {
                base.addAll(List.of("-d", IpText.format(dst.get())));
                savedDst = " -d " + IpPrefix.host(dst.get());
            }
            if (cfg.snat()) {
                String masqFrom = cfg.masqAll() ? (v6 ? "::/0" : "0.0.0.0/0") : pod.toString();
                out.add(mark(chain, cfg, base, masqFrom, cfg.masqAll() ? "" : " -s " + pod.subnet(),
                        savedDst, savedMatch));
                if (!v6 && !cfg.masqAll()) {
                    out.add(mark(chain, cfg, base, "127.0.0.1", " -s 127.0.0.1/32", savedDst, savedMatch));
                }
            }
            String to = v6 ? "[" + IpText.format(pod.address()) + "]:" + m.containerPort()
                    : IpText.format(pod.address()) + ":" + m.containerPort();
            List<String> dnat = new ArrayList<>(base);
            dnat.addAll(List.of("-j", "DNAT", "--to-destination", to));
            out.add(new IptablesRule(chain, dnat, Optional.of("-A " + chain + savedDst + savedMatch
                    + " -j DNAT --to-destination " + to)));
        }
        return out;
    }

    private static IptablesRule mark(String chain, PortmapConfig cfg, List<String> base, String from, String savedSrc,
                                     String savedDst, String savedMatch) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of("-s", from, "-j", cfg.setMarkChain()));
        return new IptablesRule(chain, args, Optional.of("-A " + chain + savedSrc + savedDst + savedMatch
                + " -j " + cfg.setMarkChain()));
    }

    /** The container ID a CNI-HOSTPORT-DNAT entry's comment names for {@code network}, if it is one of ours. */
    static Optional<String> commentedContainer(String rule, String network) {
        String prefix = "dnat name: \"" + network + "\" id: \"";
        return IptablesDump.comment(rule).filter(c -> c.startsWith(prefix) && c.endsWith("\""))
                .map(c -> c.substring(prefix.length(), c.length() - 1));
    }

    /** Ordered map of the pod chains GC may remove: chain name to its owner's container ID. */
    static Map<String, String> podChainsOf(String network, IptablesDump d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String rule : d.rulesOf(DNAT_CHAIN)) {
            Optional<String> id = commentedContainer(rule, network);
            if (id.isPresent()) {
                String chain = dnatChain(network, id.get());
                if (rule.endsWith(" -j " + chain)) {
                    out.put(chain, id.get());
                }
            }
        }
        return out;
    }
}
