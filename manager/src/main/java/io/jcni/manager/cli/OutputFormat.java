package io.jcni.manager.cli;

/** {@code -o}: an aligned table for people, or JSON for scripts (schemas in docs/cli.md). */
public enum OutputFormat {
    table,
    json
}
