package io.jcni.netlink;

import io.jcni.netlink.addr.Addresses;
import io.jcni.netlink.link.Links;
import io.jcni.netlink.neigh.Neighbours;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.route.Routes;
import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;

/**
 * A handle on one network namespace: an rtnetlink socket created inside it and the operations
 * on links, addresses, routes and neighbours that go through that socket. Any thread may use it
 * (one request at a time); close it when done.
 *
 * <pre>{@code
 * try (Netlink nl = Netlink.open(ns)) {
 *     Link br = nl.links().add(Bridge.named("cni0").withMtu(1500));
 *     nl.links().setUp("cni0");
 * }
 * }</pre>
 */
public final class Netlink implements AutoCloseable {
    private final NetlinkSocket socket;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbours neighbours;

    private Netlink(NetlinkSocket socket) {
        this.socket = socket;
        this.links = new Links(socket);
        this.addresses = new Addresses(socket);
        this.routes = new Routes(socket);
        this.neighbours = new Neighbours(socket);
    }

    /** A handle on {@code ns}; the namespace handle may be closed afterwards, the socket keeps it alive. */
    public static Netlink open(NetNamespace ns) {
        return new Netlink(ns.openSocket(NetlinkProtocol.ROUTE));
    }

    /** A handle on the calling thread's namespace. */
    public static Netlink openCurrent() {
        return new Netlink(NetlinkSocket.open(NetlinkProtocol.ROUTE));
    }

    public Links links() {
        return links;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    public Neighbours neighbours() {
        return neighbours;
    }

    /** The underlying rtnetlink socket, for operations other packages add (bridge ports, VLANs). */
    public NetlinkSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.close();
    }
}
