package io.jcni.netlink.nftables;

import io.jcni.netlink.socket.BatchMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes to apply together with {@link Nftables#apply}: the kernel applies all of them, in this
 * order, or none (one NFNL_MSG_BATCH_BEGIN/END batch). Later changes see the earlier ones, so a
 * transaction may create a chain and then add rules that jump to it. Not thread-safe; build it,
 * apply it, drop it.
 */
public final class NftTransaction {
    private final List<BatchMessage> messages = new ArrayList<>();

    /** Creates the table unless it exists (an existing one, comment included, is left as it is). */
    public NftTransaction createTable(NftTable table) {
        messages.add(new BatchMessage("create " + table, NftMessages.createTable(table)));
        return this;
    }

    /** Deletes the table with all its chains and rules; fails with ENOENT when it does not exist. */
    public NftTransaction deleteTable(NftFamily family, String table) {
        NftNames.requireName("table name", table);
        messages.add(new BatchMessage("delete table " + family.nftName() + " " + table, NftMessages.deleteTable(family, table)));
        return this;
    }

    /**
     * Creates the chain unless it exists. An existing chain is left as it is, but the kernel refuses
     * one whose hook, type or priority differ from {@code chain}'s.
     */
    public NftTransaction createChain(NftChain chain) {
        messages.add(new BatchMessage("create " + chain, NftMessages.createChain(chain)));
        return this;
    }

    /** Deletes an empty chain no rule jumps to (the kernel refuses others with EBUSY). */
    public NftTransaction deleteChain(NftFamily family, String table, String chain) {
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", chain);
        messages.add(new BatchMessage("delete chain " + family.nftName() + " " + table + " " + chain,
                NftMessages.deleteChain(family, table, chain)));
        return this;
    }

    /** Removes every rule of the chain. */
    public NftTransaction flushChain(NftFamily family, String table, String chain) {
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", chain);
        messages.add(new BatchMessage("flush chain " + family.nftName() + " " + table + " " + chain,
                NftMessages.flushChain(family, table, chain)));
        return this;
    }

    /** Appends the rule at the end of its chain; its handle, if any, is ignored. */
    public NftTransaction addRule(NftRule rule) {
        messages.add(new BatchMessage("add " + rule, NftMessages.addRule(rule)));
        return this;
    }

    /** Deletes the rule with {@code handle} from the chain; fails with ENOENT when there is none. */
    public NftTransaction deleteRule(NftFamily family, String table, String chain, long handle) {
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", chain);
        if (handle <= 0) {
            throw new IllegalArgumentException("rule handle must be positive: " + handle);
        }
        messages.add(new BatchMessage("delete rule " + family.nftName() + " " + table + " " + chain + " handle " + handle,
                NftMessages.deleteRule(family, table, chain, handle)));
        return this;
    }

    /** Deletes a rule read from the kernel (by its handle). */
    public NftTransaction deleteRule(NftRule rule) {
        return deleteRule(rule.family(), rule.table(), rule.chain(), rule.handle());
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    List<BatchMessage> messages() {
        return List.copyOf(messages);
    }
}
