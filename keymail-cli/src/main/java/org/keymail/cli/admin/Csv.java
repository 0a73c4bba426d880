package org.keymail.cli.admin;

import java.io.PrintStream;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 writes them: CRLF after every record, a field in double quotes
 * when it holds a comma, a double quote, CR or LF (or starts or ends with a space), a double quote
 * inside doubled. Nothing is dropped or changed, so spreadsheets and scripts read the audit log as
 * it is.
 */
final class Csv {

  private Csv() {}

  static void record(PrintStream out, List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(fields.get(i)));
    }
    out.print(line.append("\r\n"));
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\r') >= 0
            || value.indexOf('\n') >= 0
            || (!value.isEmpty()
                && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '));
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
