package io.jcni.e2e;

/** Quoting for the few shell scripts the harness generates. */
public final class Shell {
    private Shell() {
    }

    /** {@code value} as one single-quoted shell word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
