package io.jcni.manager.cli;

/** The inspection commands' exit statuses (docs/cli.md). */
final class ExitCodes {
    /** Done; for {@code check}: nothing wrong; for {@code gc}: everything planned is gone. */
    static final int OK = 0;
    /** {@code check} found problems; {@code gc} left something it meant to remove, or a plugin's GC failed. */
    static final int PROBLEMS = 1;
    /** Bad usage (unknown option, missing value): picocli's own code. */
    static final int USAGE = 2;
    /** The command could not do its work: a namespace, the kernel, a file refused. */
    static final int FAILED = 4;

    private ExitCodes() {
    }
}
