package io.jcni.netlink.nftables;

import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.NfnetlinkConstants;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * nf_tables of one network namespace, over its own NETLINK_NETFILTER socket. Every change is one
 * transaction (all or nothing); reads are dumps or single GETs. Failures are {@link ErrnoException}s
 * naming the operation and the table, chain or rule the kernel refused.
 *
 * <pre>{@code
 * try (Nftables nft = Nftables.open(namespace)) {
 *     nft.apply("add masquerade", new NftTransaction()
 *             .createTable(NftTable.of(NftFamily.INET, "t"))
 *             .createChain(NftChain.base(NftFamily.INET, "t", "post", NftChainType.NAT, NftHook.POSTROUTING, 100))
 *             .addRule(new NftRuleBuilder(NftFamily.INET, "t", "post").sourceAddress(ip).masquerade().build()));
 * }
 * }</pre>
 */
public final class Nftables implements AutoCloseable {
    /** The operation named in errors of the one-change methods; the object names the change itself. */
    private static final String SINGLE_CHANGE = "nf_tables";

    private final NetlinkSocket socket;
    /** Where {@link #close} gives the socket back: the pool it came from with its namespace's inode. */
    private final NftSocketPool pool;
    private final long namespaceInode;
    private boolean closed;

    /** Uses {@code socket} (a {@link NetlinkProtocol#NETFILTER} socket) and closes it on {@link #close}. */
    public Nftables(NetlinkSocket socket) {
        this(socket, null, 0);
    }

    private Nftables(NetlinkSocket socket, NftSocketPool pool, long namespaceInode) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != NetlinkProtocol.NETFILTER) {
            throw new IllegalArgumentException("nf_tables needs a NETFILTER socket, got " + socket.protocol());
        }
        this.pool = pool;
        this.namespaceInode = namespaceInode;
    }

    /**
     * nf_tables of {@code namespace}: over a socket of the {@link NftSocketPool} serving the
     * calling thread, if any, else a new one.
     */
    public static Nftables open(NetNamespace namespace) {
        return NftSocketPool.current()
                .map(pool -> new Nftables(pool.take(namespace), pool, namespace.inode()))
                .orElseGet(() -> new Nftables(namespace.openSocket(NetlinkProtocol.NETFILTER)));
    }

    /** Applies the changes as one transaction; {@code operation} names it in errors (e.g. "add masquerade"). */
    public void apply(String operation, NftTransaction transaction) {
        if (transaction.isEmpty()) {
            return;
        }
        socket.transaction(operation, NfnetlinkConstants.NFNL_SUBSYS_NFTABLES, transaction.messages());
    }

    /** Creates the table unless it exists. */
    public void createTable(NftTable table) {
        apply(SINGLE_CHANGE, new NftTransaction().createTable(table));
    }

    /** Creates the chain unless it exists (its table must exist). */
    public void createChain(NftChain chain) {
        apply(SINGLE_CHANGE, new NftTransaction().createChain(chain));
    }

    /** Appends the rule to its chain. */
    public void addRule(NftRule rule) {
        apply(SINGLE_CHANGE, new NftTransaction().addRule(rule));
    }

    /** Deletes the rule by its handle. */
    public void deleteRule(NftRule rule) {
        apply(SINGLE_CHANGE, new NftTransaction().deleteRule(rule));
    }

    public void deleteRule(NftFamily family, String table, String chain, long handle) {
        apply(SINGLE_CHANGE, new NftTransaction().deleteRule(family, table, chain, handle));
    }

    public void flushChain(NftFamily family, String table, String chain) {
        apply(SINGLE_CHANGE, new NftTransaction().flushChain(family, table, chain));
    }

    public void deleteChain(NftFamily family, String table, String chain) {
        apply(SINGLE_CHANGE, new NftTransaction().deleteChain(family, table, chain));
    }

    public void deleteTable(NftFamily family, String table) {
        apply(SINGLE_CHANGE, new NftTransaction().deleteTable(family, table));
    }

    /** Every table of every family. */
    public List<NftTable> listTables() {
        return tables(socket.dump("list tables", "", NftMessages.dumpTables(null)));
    }

    /** The tables of one family. */
    public List<NftTable> listTables(NftFamily family) {
        return tables(socket.dump("list tables", family.nftName(), NftMessages.dumpTables(family)));
    }

    private static List<NftTable> tables(List<Message> replies) {
        List<NftTable> out = new ArrayList<>(replies.size());
        for (Message m : replies) {
            out.add(NftDecoder.table(m));
        }
        return out;
    }

    /** The table, or empty when it does not exist. */
    public Optional<NftTable> findTable(NftFamily family, String table) {
        NftNames.requireName("table name", table);
        String object = "table " + family.nftName() + " " + table;
        try {
            return socket.request("get table", object, NftMessages.getTable(family, table))
                    .stream().findFirst().map(NftDecoder::table);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The chains of a table, in the kernel's order; empty when the table does not exist. */
    public List<NftChain> listChains(NftFamily family, String table) {
        NftNames.requireName("table name", table);
        List<NftChain> out = new ArrayList<>();
        for (Message m : socket.dump("list chains", "table " + family.nftName() + " " + table,
                NftMessages.dumpChains(family, table))) {
            NftChain c = NftDecoder.chain(m);
            if (c.family() == family && c.table().equals(table)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The chain, or empty when it (or its table) does not exist. */
    public Optional<NftChain> findChain(NftFamily family, String table, String chain) {
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", chain);
        String object = "chain " + family.nftName() + " " + table + " " + chain;
        try {
            return socket.request("get chain", object, NftMessages.getChain(family, table, chain))
                    .stream().findFirst().map(NftDecoder::chain);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The rules of a chain in order, with handles and comments; empty when the chain does not exist. */
    public List<NftRule> listRules(NftFamily family, String table, String chain) {
        NftNames.requireName("table name", table);
        NftNames.requireName("chain name", chain);
        List<NftRule> out = new ArrayList<>();
        List<Message> replies;
        try {
            replies = socket.dump("list rules", "chain " + family.nftName() + " " + table + " " + chain,
                    NftMessages.dumpRules(family, table, chain));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return out;
            }
            throw e;
        }
        for (Message m : replies) {
            NftRule r = NftDecoder.rule(m);
            if (r.family() == family && r.table().equals(table) && r.chain().equals(chain)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The rules of a chain whose comment starts with {@code prefix} (how CNI plugins find their own). */
    public List<NftRule> findRulesByCommentPrefix(NftFamily family, String table, String chain, String prefix) {
        Objects.requireNonNull(prefix, "comment prefix");
        List<NftRule> out = new ArrayList<>();
        for (NftRule r : listRules(family, table, chain)) {
            if (r.comment().filter(c -> c.startsWith(prefix)).isPresent()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Gives the socket back to its pool, or closes it on a background thread. The kernel's release
     * of any nfnetlink socket waits for the deferred cleanup of the namespace's last nf_tables
     * commit (an RCU grace period, about 10 ms, whoever committed), while the changes are in place
     * already and nothing the caller does next depends on that cleanup.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null && pool.giveBack(namespaceInode, socket)) {
            return;
        }
        Thread.ofVirtual().name("nft-close").start(socket::close);
    }
}
