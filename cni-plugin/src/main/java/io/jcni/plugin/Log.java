package io.jcni.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins' log: warnings and errors go to stderr (runtimes show a failed plugin's stderr),
 * everything also goes to an optional file ({@code JCNI_LOG_FILE}). Our own few lines instead of a
 * logging framework: a one-shot process should not pay a framework's startup (see
 * docs/decisions.md). Never writes to stdout, which belongs to the CNI result.
 */
public final class Log {
    /** Names a file that receives a copy of every log line. */
    public static final String LOG_FILE_VARIABLE = "JCNI_LOG_FILE";

    private final PrintStream stderr;
    private final Optional<Path> file;
    private final String prefix;

    /**
     * @param stderr the process's stderr
     * @param file   a file that receives every line too, appended to; created when missing
     * @param prefix what each line starts with after the time, e.g. {@code bridge[1234]}
     */
    public Log(PrintStream stderr, Optional<Path> file, String prefix) {
        this.stderr = stderr;
        this.file = file;
        this.prefix = prefix;
    }

    /** The file named by {@code JCNI_LOG_FILE} in an invocation's environment, if any. */
    public static Optional<Path> fileFrom(Map<String, String> env) {
        return Optional.ofNullable(env.get(LOG_FILE_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** A log that writes nowhere, for in-process callers that do not want one. */
    public static Log discard() {
        return new Log(new PrintStream(OutputStream.nullOutputStream()), Optional.empty(), "");
    }

    /** Routine events (an invocation and its outcome): the log file only. */
    public void info(String message) {
        toFile(line("info", message));
    }

    /** Something went wrong: stderr and the log file. */
    public void error(String message) {
        String line = line("error", message);
        stderr.print(line);
        stderr.flush();
        toFile(line);
    }

    private String line(String level, String message) {
        return Instant.now() + " " + prefix + " " + level + ": " + message + "\n";
    }

    private void toFile(String line) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(file.get(), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            // A broken log file must not fail the network operation; say so where it can be seen.
            stderr.println("jcni: cannot write log file " + file.get() + ": " + e.getMessage());
        }
    }
}
