package io.jcni.manager.cleanup;

import java.util.List;

/**
 * What a gc run did: what it removed (planned, with {@code --dry-run}), what it meant to remove
 * but is still there, and the plugin calls that failed.
 */
public record GcReport(boolean dryRun, List<Removal> removed, List<Removal> left, List<String> errors) {
    public GcReport {
        removed = List.copyOf(removed);
        left = List.copyOf(left);
        errors = List.copyOf(errors);
    }

    public boolean clean() {
        return left.isEmpty() && errors.isEmpty();
    }
}
