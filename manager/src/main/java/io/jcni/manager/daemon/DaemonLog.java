package io.jcni.manager.daemon;

import java.io.PrintStream;
import java.time.Instant;

/**
 * The daemon's own log (start, stop, refused peers, broken requests), one line per event on
 * stderr or the file given with {@code --log-file}. A call's plugin log lines go to that call's
 * stderr and {@code JCNI_LOG_FILE}, as in one-shot mode, not here.
 */
public final class DaemonLog {
    private final PrintStream out;
    private final String prefix;

    public DaemonLog(PrintStream out) {
        this.out = out;
        this.prefix = "jcni-daemon[" + ProcessHandle.current().pid() + "]";
    }

    public void info(String message) {
        line("info", message);
    }

    public void warn(String message) {
        line("warning", message);
    }

    private void line(String level, String message) {
        // One print per line, so lines of concurrent calls never interleave.
        out.print(Instant.now() + " " + prefix + " " + level + ": " + message + "\n");
        out.flush();
    }
}
