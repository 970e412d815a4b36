package io.jcni.netlink.event;

import io.jcni.netlink.NetlinkException;

/**
 * The kernel dropped notifications because the subscriber did not read fast enough (ENOBUFS).
 * The subscription stays usable, but what was missed is unknown: re-read the state you track.
 */
public final class EventsLostException extends NetlinkException {
    public EventsLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
