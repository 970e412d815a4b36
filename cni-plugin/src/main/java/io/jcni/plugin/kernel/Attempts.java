package io.jcni.plugin.kernel;

import io.jcni.conf.CniException;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a DEL or GC that must all be tried even when some fail: each failure is kept and
 * {@link #throwIfAny} reports the first with the others suppressed, so one object the kernel
 * refuses to remove never stops the cleanup of the rest.
 */
public final class Attempts {
    /** One cleanup step. */
    @FunctionalInterface
    public interface Step {
        void run() throws CniException;
    }

    private final List<CniException> failures = new ArrayList<>();

    /** Runs {@code step}; a CNI error is kept for {@link #throwIfAny} instead of thrown. */
    public void attempt(Step step) {
        try {
            step.run();
        } catch (CniException e) {
            failures.add(e);
        }
    }

    /** Throws the first kept failure, the later ones suppressed in it; nothing when all succeeded. */
    public void throwIfAny() throws CniException {
        if (failures.isEmpty()) {
            return;
        }
        CniException first = failures.getFirst();
        failures.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }
}
