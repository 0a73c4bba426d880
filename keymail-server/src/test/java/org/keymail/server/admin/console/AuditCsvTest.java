package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV fields as RFC 4180 quotes them, and formulas a spreadsheet would run kept as text. */
class AuditCsvTest {

  @Test
  void fieldsAreQuotedWhereCsvNeedsIt() {
    assertThat(AuditCsv.text("plain")).isEqualTo("plain");
    assertThat(AuditCsv.text("")).isEmpty();
    assertThat(AuditCsv.text("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AuditCsv.text("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(AuditCsv.text("cr\rhere")).isEqualTo("\"cr\rhere\"");
  }

  @Test
  void aFormulaStaysText() {
    assertThat(AuditCsv.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditCsv.text("+1")).isEqualTo("'+1");
    assertThat(AuditCsv.text("@SUM")).isEqualTo("'@SUM");
  }
}
