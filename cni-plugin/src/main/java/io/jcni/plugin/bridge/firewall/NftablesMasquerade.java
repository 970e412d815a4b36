package io.jcni.plugin.bridge.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.ValidAttachment;
import io.jcni.plugin.bridge.BridgeErrors;
import io.jcni.conf.result.IpText;
import io.jcni.plugin.bridge.Subnets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The nftables backend, with the reference plugin's objects: table {@code inet cni_plugins_masquerade},
 * chain {@code postrouting} (nat hook, srcnat priority) returning for multicast and jumping to
 * {@code masq_checks}, where each pod address has a rule
 * {@code ip saddr IP ip daddr != SUBNET masquerade} whose comment starts with
 * {@link MasqueradeId#nftInstanceHash()}. Rules are found by that comment, so either plugin
 * deletes the other's.
 *
 * <p>Changes go through one {@code nft -f -} transaction each (atomic, one process); DEL, CHECK and
 * GC read the chain first with {@code nft -j list chain} to learn rule handles.
 */
public final class NftablesMasquerade implements MasqueradeRules {
    static final String TABLE = "cni_plugins_masquerade";
    static final String CHAIN = "masq_checks";
    static final String TOOL = "nft";
    private static final String T = "inet " + TABLE;

    private final HostTools tools;

    public NftablesMasquerade(HostTools tools) {
        this.tools = tools;
    }

    /** Whether this backend can work here. */
    public static boolean available() {
        return HostTools.installed(TOOL);
    }

    @Override
    public void add(MasqueradeId id, List<IpPrefix> addresses) throws CniException {
        if (!addresses.isEmpty()) {
            apply(addScript(id, addresses), "add masquerade rules for " + id.containerId());
        }
    }

    @Override
    public void del(MasqueradeId id) throws CniException {
        if (available()) {
            deleteRules(r -> r.comment().startsWith(id.nftInstanceHash()), "delete masquerade rules for " + id.containerId());
        }
    }

    @Override
    public void check(MasqueradeId id, List<IpPrefix> addresses) throws CniException {
        List<Rule> mine = rules().stream().filter(r -> r.comment().equals(id.nftComment())).toList();
        for (IpPrefix a : addresses) {
            String ip = IpText.format(a.address());
            String subnet = Subnets.network(a).toString();
            if (mine.stream().noneMatch(r -> r.source().equals(ip) && r.excluded().equals(subnet))) {
                throw new CniException(BridgeErrors.STATE_DIFFERS, "masquerade: no rule in " + T + " " + CHAIN
                        + " masquerades " + ip + " outside " + subnet + " with comment \"" + id.nftComment() + "\"");
            }
        }
    }

    @Override
    public void gc(String network, Set<ValidAttachment> valid) throws CniException {
        if (!available()) {
            return;
        }
        Set<String> keep = valid.stream().map(a -> new MasqueradeId(network, a.containerId(), a.ifname()).nftComment())
                .collect(Collectors.toSet());
        String networkPrefix = MasqueradeId.nftNetworkHash(network) + "-";
        deleteRules(r -> r.comment().startsWith(networkPrefix) && !keep.contains(r.comment()),
                "remove stale masquerade rules of network " + network);
    }

    /** The ADD transaction: table and chains (kept if present), postrouting rewritten, one rule per address. */
    static String addScript(MasqueradeId id, List<IpPrefix> addresses) {
        StringBuilder sb = new StringBuilder();
        sb.append("add table ").append(T)
                .append(" { comment \"Masquerading for plugins from github.com/containernetworking/plugins\" ; }\n");
        sb.append("add chain ").append(T).append(' ').append(CHAIN)
                .append(" { comment \"Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet\" ; }\n");
        sb.append("add chain ").append(T).append(" postrouting { type nat hook postrouting priority srcnat ; }\n");
        sb.append("flush chain ").append(T).append(" postrouting\n");
        sb.append("add rule ").append(T).append(" postrouting ip daddr 224.0.0.0/4 return\n");
        sb.append("add rule ").append(T).append(" postrouting ip6 daddr ff00::/8 return\n");
        sb.append("add rule ").append(T).append(" postrouting goto ").append(CHAIN).append('\n');
        for (IpPrefix a : addresses) {
            String family = a.isIpv4() ? "ip" : "ip6";
            sb.append("add rule ").append(T).append(' ').append(CHAIN).append(' ')
                    .append(family).append(" saddr ").append(IpText.format(a.address())).append(' ')
                    .append(family).append(" daddr != ").append(Subnets.network(a))
                    .append(" masquerade comment \"").append(id.nftComment()).append("\"\n");
        }
        return sb.toString();
    }

    /** One masq_checks rule as nft lists it: handle, comment, the source it matches and the subnet it spares. */
    record Rule(long handle, String comment, String source, String excluded) {
    }

    /** The rules of masq_checks; none when the table or chain does not exist. */
    List<Rule> rules() throws CniException {
        HostTools.Output out = tools.run(TOOL, List.of("-j", "list", "chain", "inet", TABLE, CHAIN), "");
        if (out.exitCode() != 0) {
            if (out.stderr().contains("No such file or directory")) {
                return List.of();
            }
            throw new CniException(BridgeErrors.CHANGE_REFUSED, "nft: cannot list " + T + " " + CHAIN
                    + " (exit " + out.exitCode() + ")", out.stderr().strip(), null);
        }
        return parseRules(Json.read(out.stdout().getBytes(StandardCharsets.UTF_8), "nft -j output"));
    }

    static List<Rule> parseRules(JsonNode listing) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode item : listing.path("nftables")) {
            JsonNode r = item.get("rule");
            if (r == null) {
                continue;
            }
            String source = "";
            String excluded = "";
            for (JsonNode e : r.path("expr")) {
                JsonNode m = e.get("match");
                if (m == null) {
                    continue;
                }
                String field = m.path("left").path("payload").path("field").asText();
                JsonNode right = m.path("right");
                if (field.equals("saddr") && right.isTextual()) {
                    source = right.textValue();
                } else if (field.equals("daddr") && m.path("op").asText().equals("!=")) {
                    JsonNode p = right.path("prefix");
                    excluded = p.isObject() ? p.path("addr").asText() + "/" + p.path("len").asInt() : right.asText();
                }
            }
            rules.add(new Rule(r.path("handle").asLong(), r.path("comment").asText(""), source, excluded));
        }
        return List.copyOf(rules);
    }

    private void deleteRules(Predicate<Rule> which, String what) throws CniException {
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules()) {
            if (which.test(r)) {
                sb.append("delete rule ").append(T).append(' ').append(CHAIN).append(" handle ").append(r.handle()).append('\n');
            }
        }
        if (!sb.isEmpty()) {
            apply(sb.toString(), what);
        }
    }

    private void apply(String script, String what) throws CniException {
        HostTools.Output out = tools.run(TOOL, List.of("-f", "-"), script);
        if (out.exitCode() != 0) {
            throw new CniException(BridgeErrors.CHANGE_REFUSED, "nft: could not " + what + " (exit " + out.exitCode() + ")",
                    out.stderr().strip() + "\ninput:\n" + script, null);
        }
    }
}
