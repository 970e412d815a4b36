package io.jcni.manager.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableTest {
    private static Table sample() {
        return new Table("NAME", "STATE", "NOTE")
                .row(Table.Cell.plain("a-long-name"), new Table.Cell("up", Terminal.GREEN), Table.Cell.plain("x"))
                .row(Table.Cell.plain("b"), new Table.Cell("down", Terminal.RED), Table.Cell.plain(""));
    }

    @Test
    void columnsAreAlignedToTheWidestCellWithoutColourOffATerminal() {
        assertEquals("""
                NAME         STATE  NOTE
                a-long-name  up     x
                b            down
                """, sample().render(new Terminal(false, false)));
    }

    @Test
    void colourWrapsTheTextButPaddingStillCountsOnlyTheText() {
        String out = sample().render(new Terminal(true, true));
        String first = out.lines().toList().get(1);
        assertEquals("a-long-name  " + Terminal.GREEN + "up" + Terminal.RESET + "     x", first);
        assertEquals(Terminal.BOLD + "NAME" + Terminal.RESET + "         ", out.lines().toList().get(0).substring(0, 4 + 8 + 9));
    }
}
