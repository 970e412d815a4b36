package io.jcni.e2e.reliability;

/**
 * How hard the reliability suite pushes: {@code -Djcni.reliability=long} (scripts/reliability.sh
 * --long) for the figures of docs/reliability.md, the short default inside {@code mvn verify}.
 * Counts can be overridden one by one ({@code -Djcni.reliability.crowd=200}) when the machine is
 * too small for the long defaults.
 */
final class Scale {
    static final String PROPERTY = "jcni.reliability";

    private Scale() {
    }

    static boolean isLong() {
        return "long".equals(System.getProperty(PROPERTY, "short"));
    }

    /** The count named {@code name}: its own property if set, else the mode's default. */
    static int count(String name, int shortMode, int longMode) {
        String own = System.getProperty(PROPERTY + "." + name);
        if (own != null) {
            return Integer.parseInt(own);
        }
        return isLong() ? longMode : shortMode;
    }
}
