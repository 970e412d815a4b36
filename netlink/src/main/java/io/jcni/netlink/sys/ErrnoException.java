package io.jcni.netlink.sys;

import io.jcni.netlink.NetlinkException;

import java.util.Optional;

/**
 * A system call or a kernel netlink request failed with an errno. Says which operation on which
 * object failed, e.g. "add veth veth0 (peer eth0): EEXIST (File exists)", plus the kernel's
 * extended-ack text when the kernel sent one.
 */
public final class ErrnoException extends NetlinkException {
    private final int errno;
    private final String operation;
    private final String object;
    private final String kernelMessage;
    private String message;

    /**
     * @param errno positive errno value
     * @param operation what was attempted, e.g. "setns", "add link"
     * @param object what it was attempted on, e.g. "/var/run/netns/jt-1", "bridge br0"
     * @param kernelMessage the kernel's extended-ack text, or null when it sent none
     */
    public ErrnoException(int errno, String operation, String object, String kernelMessage) {
        // The text is formatted on first read (getMessage): many errnos are expected and caught
        // (ENODEV from a lookup, EEXIST), and strerror's binding costs startup time.
        super(null);
        this.errno = errno;
        this.operation = operation;
        this.object = object;
        this.kernelMessage = kernelMessage;
    }

    public ErrnoException(int errno, String operation, String object) {
        this(errno, operation, object, null);
    }

    public int errno() {
        return errno;
    }

    @Override
    public String getMessage() {
        if (message == null) {
            message = format(errno, operation, object, kernelMessage);
        }
        return message;
    }

    /** Symbolic name such as "EEXIST". */
    public String errnoName() {
        return Errno.name(errno);
    }

    public String operation() {
        return operation;
    }

    public String object() {
        return object;
    }

    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }

    /** The same failure described for a higher-level operation and object (keeps errno and text). */
    public ErrnoException withContext(String newOperation, String newObject) {
        ErrnoException e = new ErrnoException(errno, newOperation, newObject, kernelMessage);
        e.initCause(this);
        return e;
    }

    private static String format(int errno, String operation, String object, String kernelMessage) {
        StringBuilder s = new StringBuilder();
        s.append(operation);
        if (object != null && !object.isEmpty()) {
            s.append(' ').append(object);
        }
        s.append(" failed: ").append(Errno.name(errno)).append(" (").append(Libc.strerror(errno)).append(')');
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            s.append(": ").append(kernelMessage);
        }
        return s.toString();
    }
}
