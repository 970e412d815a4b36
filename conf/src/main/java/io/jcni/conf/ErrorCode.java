package io.jcni.conf;

/** The error codes the CNI specification reserves; plugin-specific codes are 100 and above. */
public enum ErrorCode {
    INCOMPATIBLE_VERSION(1),
    UNSUPPORTED_FIELD(2),
    UNKNOWN_CONTAINER(3),
    INVALID_ENVIRONMENT(4),
    IO_FAILURE(5),
    DECODING_FAILURE(6),
    INVALID_NETWORK_CONFIG(7),
    TRY_AGAIN_LATER(11),
    NOT_AVAILABLE(50),
    NOT_AVAILABLE_DEGRADED(51);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
