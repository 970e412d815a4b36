package io.jcni.conf;

/**
 * A failure with a CNI error code, raised by the code that knows the code; the dispatcher only
 * formats it as the spec's error object.
 */
public class CniException extends Exception {
    private final int code;
    private final String details;

    public CniException(int code, String msg, String details, Throwable cause) {
        super(msg, cause);
        if (code < 1) {
            throw new IllegalArgumentException("CNI error codes start at 1, got " + code);
        }
        this.code = code;
        this.details = details == null ? "" : details;
    }

    public CniException(int code, String msg) {
        this(code, msg, "", null);
    }

    public CniException(ErrorCode code, String msg) {
        this(code.code(), msg, "", null);
    }

    public CniException(ErrorCode code, String msg, String details) {
        this(code.code(), msg, details, null);
    }

    public CniException(ErrorCode code, String msg, String details, Throwable cause) {
        this(code.code(), msg, details, cause);
    }

    public CniException(ErrorCode code, String msg, Throwable cause) {
        this(code.code(), msg, cause == null ? "" : String.valueOf(cause.getMessage()), cause);
    }

    public int code() {
        return code;
    }

    /** The spec's {@code msg}: a short message naming the offending field or object. */
    public String msg() {
        return getMessage();
    }

    /** The spec's {@code details}: longer text, possibly empty. */
    public String details() {
        return details;
    }
}
