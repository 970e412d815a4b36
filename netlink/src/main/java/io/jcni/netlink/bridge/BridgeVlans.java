package io.jcni.netlink.bridge;

import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * VLANs of bridge ports (and of the bridge device itself) over an rtnetlink socket, e.g.
 * {@code new BridgeVlans(netlink.socket())}. They take effect only on a bridge with VLAN
 * filtering on; a kernel built without VLAN filtering refuses every change with EOPNOTSUPP,
 * reported as an {@link ErrnoException} naming the operation and the port.
 */
public final class BridgeVlans {
    private final NetlinkSocket socket;

    /** Uses {@code socket} (a {@link NetlinkProtocol#ROUTE} socket); does not take ownership of it. */
    public BridgeVlans(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != NetlinkProtocol.ROUTE) {
            throw new IllegalArgumentException("bridge VLANs need a ROUTE socket, got " + socket.protocol());
        }
    }

    /** Adds VLANs to a port in one request (e.g. an access VLAN, or the members of a trunk). */
    public void add(int portIndex, List<BridgeVlan> vlans) {
        change(true, portIndex, vlans, false, "port");
    }

    public void add(int portIndex, BridgeVlan vlan) {
        add(portIndex, List.of(vlan));
    }

    /** Removes VLANs from a port (only the vid matters). */
    public void delete(int portIndex, List<BridgeVlan> vlans) {
        change(false, portIndex, vlans, false, "port");
    }

    public void delete(int portIndex, int vid) {
        delete(portIndex, List.of(BridgeVlan.tagged(vid)));
    }

    /** Adds VLANs to the bridge device itself ({@code bridge vlan add ... self}), e.g. for its gateway address. */
    public void addToBridge(int bridgeIndex, List<BridgeVlan> vlans) {
        change(true, bridgeIndex, vlans, true, "bridge");
    }

    public void deleteFromBridge(int bridgeIndex, List<BridgeVlan> vlans) {
        change(false, bridgeIndex, vlans, true, "bridge");
    }

    /**
     * The request {@link #add} or {@link #delete} sends for a port, for callers that check the
     * exact messages a VLAN plan produces without a kernel that accepts them.
     */
    public static MessageWriter portRequest(boolean add, int portIndex, List<BridgeVlan> vlans) {
        return BridgeMessages.vlans(add, portIndex, List.copyOf(vlans), false);
    }

    private void change(boolean add, int index, List<BridgeVlan> vlans, boolean self, String role) {
        List<BridgeVlan> copy = List.copyOf(vlans);
        if (copy.isEmpty()) {
            return;
        }
        String operation = (add ? "add bridge vlan " : "delete bridge vlan ")
                + String.join(", ", copy.stream().map(v -> add ? v.toString() : "vid " + v.vid()).toList());
        try {
            socket.execute(operation, role + " index " + index, BridgeMessages.vlans(add, index, copy, self));
        } catch (ErrnoException e) {
            throw LinkDescriber.fail(socket, e, operation, role, index);
        }
    }

    /** The VLANs of a port (or bridge), read with an AF_BRIDGE dump; empty when it has none. */
    public List<BridgeVlan> list(int index) {
        List<BridgeVlan> out = new ArrayList<>();
        for (Message m : socket.dump("list bridge vlans", "index " + index, BridgeMessages.dumpVlans())) {
            if (BridgeMessages.index(m) == index) {
                out.addAll(BridgeMessages.vlans(m));
            }
        }
        return out;
    }

    /** Turns VLAN filtering of an existing bridge on or off. */
    public void setVlanFiltering(int bridgeIndex, boolean on) {
        String operation = "set bridge vlan_filtering " + (on ? "1" : "0");
        try {
            socket.execute(operation, "bridge index " + bridgeIndex, BridgeMessages.setVlanFiltering(bridgeIndex, on));
        } catch (ErrnoException e) {
            throw LinkDescriber.fail(socket, e, operation, "bridge", bridgeIndex);
        }
    }
}
