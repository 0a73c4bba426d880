package org.keymail.server.admin.console;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditRecord;

/**
 * Audit events as CSV (RFC 4180): a header line, then one line per event, CRLF line ends. A field
 * holding a comma, a quote or a line break is quoted with its quotes doubled; a text field that
 * starts like a spreadsheet formula ({@code = + - @}) gets a leading apostrophe, so that opening
 * the export in a spreadsheet shows what a client sent instead of running it.
 */
final class AuditCsv {

  static final String HEADER =
      "seq,at,first_at,occurrences,user_id,user_email,passkey_id,passkey_name,operation,object,"
          + "client_address,result,detail";

  private final Writer out;

  AuditCsv(Writer out) throws IOException {
    this.out = out;
    out.write(HEADER + "\r\n");
  }

  void write(List<AuditRecord> records) throws IOException {
    for (AuditRecord r : records) {
      AuditEntry e = r.entry();
      out.write(
          String.join(
                  ",",
                  Long.toString(e.seq()),
                  e.at().toString(),
                  e.occurrences() == 1 ? "" : e.firstAt().toString(),
                  Integer.toString(e.occurrences()),
                  Objects.toString(e.event().userId(), ""),
                  text(r.userEmail().orElse("")),
                  Objects.toString(e.event().passkeyId(), ""),
                  text(r.passKeyName().orElse("")),
                  text(e.event().operation()),
                  text(e.event().object()),
                  text(e.event().clientAddress()),
                  e.event().result().name(),
                  text(e.event().detail()))
              + "\r\n");
    }
  }

  /** One text field, quoted where CSV needs it. */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String field = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (field.contains(",")
        || field.contains("\"")
        || field.contains("\n")
        || field.contains("\r")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}
