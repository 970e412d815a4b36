package io.jcni.netlink;

/**
 * Root of every exception the netlink module throws, so callers can catch "the kernel client
 * failed" in one place. Unchecked: most callers can only report it, and the CNI plugins turn it
 * into a CNI error at the place that knows the code.
 */
public abstract class NetlinkException extends RuntimeException {
    protected NetlinkException(String message) {
        super(message);
    }

    protected NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
