package io.jcni.netlink.bridge;

import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Links;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.ErrnoException;

/**
 * Names a link in an error message ("port veth1 (index 4)"). Looked up only once a request has
 * failed, so the successful path costs no extra round trip.
 */
final class LinkDescriber {
    private LinkDescriber() {
    }

    static String describe(NetlinkSocket socket, String role, int index) {
        try {
            return new Links(socket).find(index).map(Link::name)
                    .map(name -> role + " " + name + " (index " + index + ")")
                    .orElse(role + " index " + index);
        } catch (NetlinkException e) {
            return role + " index " + index;
        }
    }

    /** {@code e} for {@code operation}, naming the link by name. */
    static ErrnoException fail(NetlinkSocket socket, ErrnoException e, String operation, String role, int index) {
        return e.withContext(operation, describe(socket, role, index));
    }
}
