package io.jcni.netlink.wire;

import io.jcni.netlink.NetlinkException;

/**
 * Bytes from the kernel (or anywhere else) do not form the netlink message or attribute we
 * expected. The decoder throws only this, whatever bytes it is given.
 */
public final class NetlinkParseException extends NetlinkException {
    public NetlinkParseException(String message) {
        super(message);
    }
}
