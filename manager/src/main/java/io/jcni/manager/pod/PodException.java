package io.jcni.manager.pod;

/** A pod operation failed; the message names the pod and what went wrong. */
public final class PodException extends Exception {
    public PodException(String message) {
        super(message);
    }

    public PodException(String message, Throwable cause) {
        super(message, cause);
    }
}
