package io.jcni.netlink.bridge;

import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.Message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Flags of bridge ports (hairpin, isolated, learning, flooding) over an rtnetlink socket, e.g.
 * {@code new BridgePorts(netlink.socket())}. Ports are addressed by their link index. Failures are
 * {@link ErrnoException}s naming the operation and the port by name.
 */
public final class BridgePorts {
    private final NetlinkSocket socket;

    /** Uses {@code socket} (a {@link NetlinkProtocol#ROUTE} socket); does not take ownership of it. */
    public BridgePorts(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != NetlinkProtocol.ROUTE) {
            throw new IllegalArgumentException("bridge ports need a ROUTE socket, got " + socket.protocol());
        }
    }

    /**
     * Changes the flags given in {@code flags} and leaves the others. Fails (EOPNOTSUPP from the
     * kernel) when the link is not a bridge port.
     */
    public void set(int portIndex, BridgePortFlags flags) {
        if (flags.isEmpty()) {
            return;
        }
        String operation = "set bridge port " + flags;
        try {
            socket.execute(operation, "port index " + portIndex, BridgeMessages.setPortFlags(portIndex, flags));
        } catch (ErrnoException e) {
            throw LinkDescriber.fail(socket, e, operation, "port", portIndex);
        }
    }

    /** The port's flags, or empty when the link is not a bridge port; ENODEV when there is no such link. */
    public Optional<BridgePort> find(int portIndex) {
        List<Message> replies = socket.request("get bridge port", "link index " + portIndex, BridgeMessages.getLink(portIndex));
        return replies.stream().findFirst().flatMap(BridgeMessages::port);
    }

    /** The port's flags; fails with ENODEV when the link does not exist or is not a bridge port. */
    public BridgePort get(int portIndex) {
        return find(portIndex).orElseThrow(() -> new ErrnoException(Errno.ENODEV, "get bridge port",
                LinkDescriber.describe(socket, "link", portIndex), "not a bridge port"));
    }
}
