package io.jcni.netlink.ns;

import io.jcni.netlink.NetlinkException;

/** A task run inside a namespace failed with a checked exception (carried as the cause). */
public final class NamespaceTaskException extends NetlinkException {
    public NamespaceTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
