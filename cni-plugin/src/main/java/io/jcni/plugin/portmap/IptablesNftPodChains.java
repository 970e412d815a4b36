package io.jcni.plugin.portmap;

import io.jcni.netlink.nftables.NftChain;
import io.jcni.netlink.nftables.NftExpression;
import io.jcni.netlink.nftables.NftFamily;
import io.jcni.netlink.nftables.NftImmediate;
import io.jcni.netlink.nftables.NftRule;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.NftVerdict;
import io.jcni.netlink.nftables.Nftables;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removing iptables chains that iptables-nft wrote, over netlink: in its {@code ip nat} /
 * {@code ip6 nat} nf_tables table, the rules of an entry chain that jump to a doomed chain (found by
 * their jump target, whatever they match on) are deleted by handle, then the chain is flushed and
 * deleted, all in the caller's transaction. What {@code iptables-save} + {@code iptables-restore}
 * would do for DEL, without a process. Not specific to portmap.
 */
final class IptablesNftPodChains {
    static final String TABLE = "nat";

    private IptablesNftPodChains() {
    }

    /**
     * Adds to {@code tx} the removal of each chain (key) and of the jumps to it from its entry
     * chain (value); returns whether there was anything to remove.
     */
    static boolean delete(Nftables nft, NftFamily family, Map<String, String> chainToEntry, NftTransaction tx) {
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

    private static Optional<String> jumpTarget(NftRule r) {
        for (NftExpression e : r.expressions()) {
            if (e instanceof NftImmediate imm && imm.data() instanceof NftVerdict v && v.kind() == NftVerdict.Kind.JUMP) {
                return v.chain();
            }
        }
        return Optional.empty();
    }
}
