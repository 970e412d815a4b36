package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The reference's optional allow-list ({@code /etc/cni/tuning/allowlist.conf}): one regular
 * expression per non-blank line; when the file exists, every {@code sysctl} key must contain a
 * match of one of them (Go's {@code regexp.MatchString}, unanchored). No file, no restriction.
 */
final class SysctlAllowlist {
    static final Path DEFAULT = Path.of("/etc/cni/tuning/allowlist.conf");

    private final Path file;
    private final Optional<List<Pattern>> patterns;

    private SysctlAllowlist(Path file, Optional<List<Pattern>> patterns) {
        this.file = file;
        this.patterns = patterns;
    }

    static SysctlAllowlist read(Path file) throws CniException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return new SysctlAllowlist(file, Optional.empty());
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "read the sysctl allow-list " + file, e);
        }
        try {
            return new SysctlAllowlist(file, Optional.of(lines.stream().map(String::strip).filter(l -> !l.isEmpty())
                    .map(Pattern::compile).toList()));
        } catch (PatternSyntaxException e) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "sysctl allow-list " + file
                    + ": invalid pattern \"" + e.getPattern() + "\"", e.getDescription());
        }
    }

    /** Refuses {@code key} (as the config wrote it) when a list exists and no pattern matches it. */
    void check(String key) throws CniException {
        if (patterns.isPresent() && patterns.get().stream().noneMatch(p -> p.matcher(key).find())) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "sysctl." + key + ": not allowed by "
                    + file + " (allowed: " + patterns.get() + ")");
        }
    }
}
