package io.jcni.e2e;

/** A cnitool call that failed: libcni's message, which carries the plugin's error, is in the text. */
public final class CniFailure extends RuntimeException {
    private final ExecResult result;

    public CniFailure(String verb, ExecResult result) {
        super("cnitool " + verb + " failed: " + result.describe());
        this.result = result;
    }

    /** What cnitool printed on stderr: libcni's rendering of the plugin's error. */
    public String error() {
        return result.stderr().strip();
    }
}
