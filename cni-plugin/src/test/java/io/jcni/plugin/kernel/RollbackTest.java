package io.jcni.plugin.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollbackTest {
    @Test
    void undoesNewestFirstWhenNotCommitted() {
        List<String> done = new ArrayList<>();
        try (Rollback rb = new Rollback()) {
            rb.push("a", () -> done.add("a"));
            rb.push("b", () -> done.add("b"));
        }
        assertEquals(List.of("b", "a"), done);
    }

    @Test
    void commitKeepsEverything() {
        List<String> done = new ArrayList<>();
        try (Rollback rb = new Rollback()) {
            rb.push("a", () -> done.add("a"));
            rb.commit();
        }
        assertEquals(List.of(), done);
    }

    @Test
    void aFailingStepDoesNotStopTheOthersAndIsReportedOnTheCause() {
        List<String> done = new ArrayList<>();
        RuntimeException cause = assertThrows(RuntimeException.class, () -> {
            try (Rollback rb = new Rollback()) {
                rb.push("a", () -> done.add("a"));
                rb.push("veth x", () -> {
                    throw new IllegalStateException("busy");
                });
                throw new RuntimeException("ADD failed");
            }
        });
        assertEquals(List.of("a"), done);
        assertEquals("ADD failed", cause.getMessage());
        Throwable rollback = cause.getSuppressed()[0];
        assertTrue(rollback.getSuppressed()[0].getMessage().contains("could not undo: veth x: busy"),
                rollback.getSuppressed()[0].getMessage());
    }
}
