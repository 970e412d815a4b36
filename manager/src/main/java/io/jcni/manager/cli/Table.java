package io.jcni.manager.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table: a header and rows of cells, columns padded to their widest cell, two
 * spaces apart. A cell may carry a colour, applied after padding so alignment counts only text.
 */
public final class Table {
    /** A cell's text and the ANSI style it gets on a colour terminal (empty: none). */
    public record Cell(String text, String style) {
        public static Cell plain(String text) {
            return new Cell(text, "");
        }
    }

    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table row(Cell... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " cells expected, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    public Table row(String... cells) {
        return row(java.util.Arrays.stream(cells).map(Cell::plain).toArray(Cell[]::new));
    }

    public String render(Terminal t) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (List<Cell> r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r.get(i).text().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        List<Cell> head = header.stream().map(h -> new Cell(h, Terminal.BOLD)).toList();
        line(sb, head, width, t);
        for (List<Cell> r : rows) {
            line(sb, r, width, t);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<Cell> cells, int[] width, Terminal t) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            boolean last = i == cells.size() - 1;
            String pad = last ? "" : " ".repeat(width[i] - c.text().length() + 2);
            l.append(c.style().isEmpty() ? c.text() : t.paint(c.style(), c.text())).append(pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
