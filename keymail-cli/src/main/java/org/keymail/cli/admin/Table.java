package org.keymail.cli.admin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for the terminal: a header and rows, each column as wide as its widest cell, two spaces
 * apart, the last column not padded. Cells are shown on one line with no control character, since
 * they may hold what other people typed (names, audit details).
 */
public final class Table {

  private final List<String[]> rows = new ArrayList<>();

  public Table(String... header) {
    rows.add(header);
  }

  public Table row(String... cells) {
    if (cells.length != rows.get(0).length) {
      throw new IllegalArgumentException("a row has as many cells as the header");
    }
    String[] shown = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      shown[i] = visible(cells[i]);
    }
    rows.add(shown);
    return this;
  }

  public void print(PrintStream out) {
    print(out, "");
  }

  /** Prints the table with every line starting with {@code indent}. */
  void print(PrintStream out, String indent) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(indent + line.toString().stripTrailing());
    }
  }

  /** {@code text} on one line with no control character; "-" for nothing. */
  static String visible(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    return text.replaceAll("[\\r\\n]+", " ").replaceAll("\\p{Cntrl}", "?");
  }
}
