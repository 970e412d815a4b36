package io.jcni.manager.cli.pod;

import java.io.PrintStream;
import java.util.List;

/** Rows printed as columns aligned on the widest cell, two spaces apart (the header bold on a terminal). */
final class Table {
    private Table() {
    }

    static void print(PrintStream out, String[] header, List<String[]> rows, boolean terminal) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        String line = line(header, width);
        out.println(terminal ? "\u001b[1m" + line + "\u001b[0m" : line);
        for (String[] r : rows) {
            out.println(line(r, width));
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(cells[i]);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        return b.toString();
    }
}
