package io.jcni.ipam.hostlocal;

import java.net.InetAddress;

/**
 * One address file of the store. {@code ifname} is null for files written by old reference
 * versions, whose content is the container ID alone.
 */
public record Reservation(InetAddress address, String containerId, String ifname) {
    /** The file content separator the reference writes between container ID and ifname. */
    static final String SEPARATOR = "\r\n";

    /** Reads a file's content as the reference does: surrounding white space does not count. */
    static Reservation parse(InetAddress address, String content) {
        String trimmed = content.strip();
        int sep = trimmed.indexOf(SEPARATOR);
        return sep < 0
                ? new Reservation(address, trimmed, null)
                : new Reservation(address, trimmed.substring(0, sep), trimmed.substring(sep + SEPARATOR.length()));
    }

    /** Held by this attachment; a legacy entry is held by every attachment of its container. */
    public boolean heldBy(String id, String ifname, boolean allowLegacy) {
        if (!containerId.equals(id)) {
            return false;
        }
        return this.ifname == null ? allowLegacy : this.ifname.equals(ifname);
    }
}
