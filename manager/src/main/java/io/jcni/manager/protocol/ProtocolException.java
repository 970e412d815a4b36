package io.jcni.manager.protocol;

/** A request that breaks the protocol (bad magic, wrong version, oversized, inconsistent lengths). */
public final class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }
}
