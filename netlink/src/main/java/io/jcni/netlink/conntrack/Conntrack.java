package io.jcni.netlink.conntrack;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The connection tracking table over ctnetlink (NETLINK_NETFILTER, subsystem CTNETLINK): list a
 * family's entries, delete entries. What {@code conntrack -L} / {@code conntrack -D} do, without
 * the process. Deleting by filter is a dump then one DELETE per matching entry, as the kernel's
 * own dump filter only knows marks and zones; an entry that expired in between is not an error.
 */
public final class Conntrack implements AutoCloseable {
    private final NetlinkSocket socket;

    /** Uses {@code socket} (a {@link NetlinkProtocol#NETFILTER} socket) and closes it on {@link #close}. */
    public Conntrack(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != NetlinkProtocol.NETFILTER) {
            throw new IllegalArgumentException("ctnetlink needs a NETFILTER socket, got " + socket.protocol());
        }
    }

    /** The conntrack table of {@code namespace}. */
    public static Conntrack open(NetNamespace namespace) {
        return new Conntrack(namespace.openSocket(NetlinkProtocol.NETFILTER));
    }

    /** Every entry of one address family. */
    public List<ConntrackEntry> list(IpFamily family) {
        List<ConntrackEntry> out = new ArrayList<>();
        for (Message m : socket.dump("list conntrack entries", family.name(), ConntrackMessages.dump(family))) {
            ConntrackMessages.entry(m).ifPresent(out::add);
        }
        return out;
    }

    /** Deletes one entry; true if it was there. */
    public boolean delete(ConntrackEntry entry) {
        try {
            socket.execute("delete conntrack entry", entry.original().toString(), ConntrackMessages.delete(entry));
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes every entry of {@code family} that {@code filter} accepts; returns how many it deleted. */
    public int deleteMatching(IpFamily family, Predicate<ConntrackEntry> filter) {
        int n = 0;
        for (ConntrackEntry e : list(family)) {
            if (filter.test(e) && delete(e)) {
                n++;
            }
        }
        return n;
    }

    /** Entries whose original tuple has protocol {@code protocol} and destination port {@code port}. */
    public static Predicate<ConntrackEntry> originalDestinationPort(int protocol, int port) {
        return e -> e.original().protocol() == protocol && e.original().destinationPort() == port;
    }

    @Override
    public void close() {
        socket.close();
    }
}
