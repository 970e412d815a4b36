package io.jcni.e2e;

/**
 * How jcni's installed executables serve the end-to-end tests in this test run: the Surefire
 * execution sets {@code jcni.mode}. The executables are the same native shims either way; in
 * {@link #ONE_SHOT} no daemon listens on their socket, so each call falls back to the JVM
 * launcher, in {@link #DAEMON} {@link DaemonSession} runs {@code jcni daemon} on it for the
 * whole test run and every call is served warm. Every jcni end-to-end test runs in both.
 */
public enum JcniMode {
    ONE_SHOT,
    DAEMON;

    /** The system property the test-netns pom sets per Surefire execution. */
    static final String PROPERTY = "jcni.mode";

    public static JcniMode current() {
        String mode = System.getProperty(PROPERTY, "one-shot");
        return switch (mode) {
            case "one-shot" -> ONE_SHOT;
            case "daemon" -> DAEMON;
            default -> throw new IllegalStateException(PROPERTY + "=" + mode + ": expected one-shot or daemon");
        };
    }
}
