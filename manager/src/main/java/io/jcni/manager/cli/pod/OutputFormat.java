package io.jcni.manager.cli.pod;

/** {@code -o}: a human table, or JSON for scripts. */
enum OutputFormat {
    text,
    json
}
