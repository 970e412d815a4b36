package io.jcni.manager.cli;

import java.io.Console;

/**
 * Whether output goes to a person at a terminal: then tables get colour and long runs a progress
 * line. {@code NO_COLOR} (no-color.org) and {@code TERM=dumb} turn colour off.
 */
public record Terminal(boolean interactive, boolean colour) {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String DIM = "\u001b[2m";

    public static Terminal detect() {
        Console c = System.console();
        boolean tty = c != null && c.isTerminal();
        String term = System.getenv().getOrDefault("TERM", "");
        boolean colour = tty && System.getenv("NO_COLOR") == null && !term.equals("dumb");
        return new Terminal(tty, colour);
    }

    public String paint(String style, String text) {
        return colour && !text.isEmpty() ? style + text + RESET : text;
    }
}
