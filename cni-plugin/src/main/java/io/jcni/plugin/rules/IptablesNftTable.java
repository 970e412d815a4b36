package io.jcni.plugin.rules;

import io.jcni.netlink.nftables.NftChain;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftImmediate;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.NftVerdict;
import io.jcni.netlink.nftables.Nftables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The part of iptables-nft's nat table ({@code ip nat} or {@code ip6 nat}) the masquerade rules
 * live in, read over netlink: the chains a filter selects with their rules, and POSTROUTING.
 * {@link #dump()} shows it as {@code iptables-save} would, so the backend's checks work on either
 * variant; deletions go by rule handle and chain name into an nf_tables transaction. What
 * {@code iptables-save} + {@code iptables-restore} would do for DEL, without a process.
 */
public final class IptablesNftTable {
    public static final String TABLE = "nat";
    public static final String POSTROUTING = "POSTROUTING";

    private final NftFamily family;
    private final Set<String> chains;
    private final List<NftRule> rules;

    private IptablesNftTable(NftFamily family, Set<String> chains, List<NftRule> rules) {
        this.family = family;
        this.chains = chains;
        this.rules = rules;
    }

    /** Reads POSTROUTING and the chains {@code select} accepts; empty when the table does not exist. */
    public static IptablesNftTable read(Nftables nft, NftFamily family, Predicate<String> select) {
        Set<String> chains = new LinkedHashSet<>();
        List<NftRule> rules = new ArrayList<>();
        if (nft.findTable(family, TABLE).isPresent()) {
            for (NftChain c : nft.listChains(family, TABLE)) {
                if (c.name().equals(POSTROUTING) || select.test(c.name())) {
                    chains.add(c.name());
                    rules.addAll(nft.listRules(family, TABLE, c.name()));
                }
            }
        }
        return new IptablesNftTable(family, chains, List.copyOf(rules));
    }

    /** The selected chains and their rules in iptables-save's text. */
    public IptablesDump dump() {
        return new IptablesDump(chains, rules.stream().map(IptablesNftRuleText::of).toList());
    }

    /**
     * Adds to {@code tx} the deletion of every POSTROUTING rule that jumps to one of
     * {@code doomed}, then of those chains (flushed first); returns whether it added anything.
     */
    public boolean deleteChains(Set<String> doomed, NftTransaction tx) {
        boolean any = false;
        for (NftRule r : rules) {
            if (r.chain().equals(POSTROUTING) && jumpTarget(r).filter(doomed::contains).isPresent()) {
                tx.deleteRule(r);
                any = true;
            }
        }
        for (String chain : doomed) {
            if (chains.contains(chain) && !chain.equals(POSTROUTING)) {
                tx.flushChain(family, TABLE, chain).deleteChain(family, TABLE, chain);
                any = true;
            }
        }
        return any;
    }

    /**
     * Adds to {@code tx} the removal of each chain (key) of {@code family}'s nat table, after the
     * rules of its entry chain (value) that jump to it; returns whether there was anything to
     * remove. Reads the table itself: for callers that do not need {@link #read} (portmap's DEL).
     */
    public static boolean removeChains(Nftables nft, NftFamily family, Map<String, String> chainToEntry, NftTransaction tx) {
        if (nft.findTable(family, TABLE).isEmpty()) {
            return false;
        }
        Set<String> chains = nft.listChains(family, TABLE).stream().map(NftChain::name).collect(Collectors.toSet());
        boolean any = false;
        for (String entry : chainToEntry.values().stream().distinct().toList()) {
            if (!chains.contains(entry)) {
                continue;
            }
            for (NftRule r : nft.listRules(family, TABLE, entry)) {
                Optional<String> target = jumpTarget(r);
                if (target.isPresent() && entry.equals(chainToEntry.get(target.get()))) {
                    tx.deleteRule(r);
                    any = true;
                }
            }
        }
        for (String chain : chainToEntry.keySet()) {
            if (chains.contains(chain)) {
                tx.flushChain(family, TABLE, chain).deleteChain(family, TABLE, chain);
                any = true;
            }
        }
        return any;
    }

    /** The chain a rule jumps to, whatever it matches on (the target names the owner, not the match). */
    private static Optional<String> jumpTarget(NftRule r) {
        for (NftExpression e : r.expressions()) {
            if (e instanceof NftImmediate imm && imm.data() instanceof NftVerdict v && v.kind() == NftVerdict.Kind.JUMP) {
                return v.chain();
            }
        }
        return Optional.empty();
    }
}
