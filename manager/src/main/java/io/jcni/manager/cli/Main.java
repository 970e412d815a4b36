package io.jcni.manager.cli;

import picocli.CommandLine;

/** The {@code jcni} command's entry point (installed by install.sh as {@code jcni}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new JcniCommand()).execute(args));
    }
}
