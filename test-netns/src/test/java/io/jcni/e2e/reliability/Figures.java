package io.jcni.e2e.reliability;

import io.jcni.e2e.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a reliability run measured, one line per figure, appended to
 * {@code target/reliability/figures.txt} (scripts/reliability.sh prints it) and to stdout.
 * Figures are reported, never asserted on: timings depend on the machine.
 */
final class Figures {
    private Figures() {
    }

    static synchronized void record(String suite, String line) {
        String text = "[" + suite + "] " + line;
        System.out.println(text);
        Path file = ProjectPaths.module().resolve("target/reliability/figures.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
