package io.jcni.plugin.bridge;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo steps of one ADD, run newest first when the ADD fails, so a failed ADD leaves nothing
 * behind. Used with try-with-resources: {@link #commit} on success forgets the steps; otherwise
 * {@link #close} runs them all, even when some fail, and reports the failures (they end up as
 * suppressed exceptions of the error that caused the rollback).
 */
public final class Rollback implements AutoCloseable {
    /** One undo action. */
    @FunctionalInterface
    public interface Step {
        void undo() throws Exception;
    }

    private record Named(String what, Step step) {
    }

    private final Deque<Named> steps = new ArrayDeque<>();
    private boolean committed;

    /** Registers how to undo something that was just done. */
    public void push(String what, Step step) {
        steps.push(new Named(what, step));
    }

    /** The ADD succeeded: keep everything. */
    public void commit() {
        committed = true;
        steps.clear();
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        IllegalStateException failures = null;
        while (!steps.isEmpty()) {
            Named n = steps.pop();
            try {
                n.step().undo();
            } catch (Exception e) {
                if (failures == null) {
                    failures = new IllegalStateException("rollback incomplete");
                }
                failures.addSuppressed(new IllegalStateException("could not undo: " + n.what() + ": " + e.getMessage(), e));
            }
        }
        if (failures != null) {
            throw failures;
        }
    }
}
