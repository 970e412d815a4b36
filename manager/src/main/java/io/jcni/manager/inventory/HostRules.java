package io.jcni.manager.inventory;

import io.jcni.conf.CniException;
import io.jcni.conf.result.IpText;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.IptablesDump;
import io.jcni.plugin.rules.IptablesTool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the host rules the plugins write for pods, in both backends, and attributes each to its
 * attachment the way the plugins find them again: iptables masquerade ({@code CNI-HASH} chains) and
 * portmap ({@code CNI-DN-HASH}) by their {@code name: "NET" id: "CID"} comments, the firewall's
 * iptables rules in {@code CNI-FORWARD} by pod address, nftables rules by their comments.
 * A backend that is not there (no iptables installed, no such table) contributes nothing.
 */
public final class HostRules {
    private static final Pattern IPT_OWNER = Pattern.compile("name: \"((?:[^\"\\\\]|\\\\.)*)\" id: \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern MASQ_CHAIN = Pattern.compile("CNI-[0-9a-f]{24}");
    private static final Pattern NFT_OWNER = Pattern.compile("net: ([^,]*), if: ([^,]*), id: (.*)");
    private static final Pattern IPT_FW_SOURCE = Pattern.compile("-A CNI-FORWARD -s (\\S+?)(?:/\\d+)? -j ACCEPT");
    private static final String SPOOF_PREFIX = "macspoofchk-";

    private HostRules() {
    }

    /** Every attributable rule in the host namespace ({@code tools} run there, {@code ns} is it). */
    public static List<HostRule> read(HostTools tools, NetNamespace ns) {
        List<HostRule> out = new ArrayList<>();
        IptablesTool ipt = new IptablesTool(tools);
        for (IptablesTool.Family f : IptablesTool.Family.values()) {
            if (!HostTools.installed(f.save)) {
                continue;
            }
            dump(ipt, f, "nat").ifPresent(d -> nat(d, f, out));
            dump(ipt, f, "filter").ifPresent(d -> filter(d, f, out));
        }
        try (Nftables nft = Nftables.open(ns)) {
            nft(nft, NftFamily.INET, "cni_plugins_masquerade", RuleKind.MASQUERADE, out);
            nft(nft, NftFamily.INET, "cni_plugins_firewall", RuleKind.FIREWALL, out);
            for (NftFamily fam : List.of(NftFamily.IP, NftFamily.IP6)) {
                nftPortmap(nft, fam, out);
            }
            spoofChecks(nft, out);
        } catch (NetlinkException | IllegalStateException e) {
            // no nf_tables here: nothing in that backend
        }
        return out;
    }

    private static Optional<IptablesDump> dump(IptablesTool ipt, IptablesTool.Family f, String table) {
        try {
            return Optional.of(ipt.dump(f, table));
        } catch (CniException e) {
            return Optional.empty();
        }
    }

    static void nat(IptablesDump d, IptablesTool.Family f, List<HostRule> out) {
        String tool = f.isIpv4() ? "iptables" : "ip6tables";
        for (String rule : d.rules()) {
            Optional<String> comment = IptablesDump.comment(rule);
            if (comment.isEmpty()) {
                continue;
            }
            Matcher m = IPT_OWNER.matcher(comment.get());
            if (!m.find()) {
                continue;
            }
            String chain = rule.substring(3, rule.indexOf(' ', 3));
            String target = target(rule);
            AttachmentKey key = new AttachmentKey(unquote(m.group(1)), unquote(m.group(2)), "");
            if (chain.startsWith("CNI-DN-") || target.startsWith("CNI-DN-")) {
                String c = chain.startsWith("CNI-DN-") ? chain : target;
                add(out, HostRule.of(RuleKind.PORTMAP, tool + " nat " + c, key));
            } else if (MASQ_CHAIN.matcher(chain).matches() || MASQ_CHAIN.matcher(target).matches()) {
                String c = MASQ_CHAIN.matcher(chain).matches() ? chain : target;
                add(out, HostRule.of(RuleKind.MASQUERADE, tool + " nat " + c, key));
            }
        }
    }

    static void filter(IptablesDump d, IptablesTool.Family f, List<HostRule> out) {
        String tool = f.isIpv4() ? "iptables" : "ip6tables";
        for (String rule : d.rulesOf("CNI-FORWARD")) {
            Matcher m = IPT_FW_SOURCE.matcher(rule);
            if (m.matches()) {
                try {
                    InetAddress a = IpText.parse(m.group(1));
                    add(out, new HostRule(RuleKind.FIREWALL, tool + " filter CNI-FORWARD " + IpText.format(a),
                            new AttachmentKey("", "", ""), Optional.of(a), Optional.empty()));
                } catch (IllegalArgumentException notAnAddress) {
                    // someone else's rule
                }
            }
        }
    }

    private static void nft(Nftables nft, NftFamily fam, String table, RuleKind kind, List<HostRule> out) {
        if (nft.findTable(fam, table).isEmpty()) {
            return;
        }
        for (var chain : nft.listChains(fam, table)) {
            for (NftRule r : nft.listRules(fam, table, chain.name())) {
                Optional<String> c = r.comment();
                if (c.isEmpty()) {
                    continue;
                }
                Matcher m = NFT_OWNER.matcher(c.get());
                if (m.find()) {
                    add(out, HostRule.of(kind, "nft " + fam.nftName() + " " + table + " " + chain.name(),
                            new AttachmentKey(m.group(1), m.group(3), m.group(2))));
                }
            }
        }
    }

    private static void nftPortmap(Nftables nft, NftFamily fam, List<HostRule> out) {
        String table = "cni_hostport";
        if (nft.findTable(fam, table).isEmpty()) {
            return;
        }
        for (var chain : nft.listChains(fam, table)) {
            for (NftRule r : nft.listRules(fam, table, chain.name())) {
                r.comment().filter(s -> !s.isBlank() && !s.contains(" ")).ifPresent(cid -> add(out,
                        HostRule.of(RuleKind.PORTMAP, "nft " + fam.nftName() + " " + table + " " + chain.name(),
                                new AttachmentKey("", cid, ""))));
            }
        }
    }

    private static void spoofChecks(Nftables nft, List<HostRule> out) {
        if (nft.findTable(NftFamily.BRIDGE, "nat").isEmpty()) {
            return;
        }
        for (var chain : nft.listChains(NftFamily.BRIDGE, "nat")) {
            for (NftRule r : nft.listRules(NftFamily.BRIDGE, "nat", chain.name())) {
                r.comment().filter(s -> s.startsWith(SPOOF_PREFIX)).ifPresent(s -> add(out,
                        new HostRule(RuleKind.SPOOFCHECK, "nft bridge nat " + chain.name(), new AttachmentKey("", "", ""),
                                Optional.empty(), Optional.of(s.substring(SPOOF_PREFIX.length())))));
            }
        }
    }

    /** One entry per (kind, place, owner): a chain's several rules count once. */
    private static void add(List<HostRule> out, HostRule r) {
        if (!out.contains(r)) {
            out.add(r);
        }
    }

    private static String target(String rule) {
        int j = rule.lastIndexOf(" -j ");
        if (j < 0) {
            return "";
        }
        String rest = rule.substring(j + 4);
        int sp = rest.indexOf(' ');
        return sp < 0 ? rest : rest.substring(0, sp);
    }

    private static String unquote(String goQuoted) {
        return goQuoted.replaceAll("\\\\(.)", "$1");
    }
}
