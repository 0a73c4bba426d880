package org.keymail.cli.smime.demo;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/** The sample message the demo sends: a short text and a small attachment, from alice to bob. */
final class DemoMessage {

  static final String ATTACHMENT_NAME = "notes.txt";
  static final String ATTACHMENT_TEXT =
      "Agenda for Thursday:\n1. Roll out keymail to the sales team\n2. Retire the old passwords\n";

  private DemoMessage() {}

  static byte[] compose(String from, String to, ZonedDateTime date) {
    String boundary = "keymail-demo-" + UUID.randomUUID();
    String attachment =
        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(ATTACHMENT_TEXT.getBytes(StandardCharsets.UTF_8));
    String message =
        String.join(
            "\r\n",
            "From: " + from,
            "To: " + to,
            "Subject: Thursday's agenda (keymail demo)",
            "Date: "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    date.withZoneSameInstant(ZoneOffset.UTC)),
            "Message-ID: <" + UUID.randomUUID() + "@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"",
            "",
            "--" + boundary,
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "Hi Bob,",
            "",
            "the agenda for Thursday is attached. This message is signed by me and",
            "encrypted to you, with keys that never needed a password.",
            "",
            "Alice",
            "",
            "--" + boundary,
            "Content-Type: text/plain; charset=utf-8; name=\"" + ATTACHMENT_NAME + "\"",
            "Content-Disposition: attachment; filename=\"" + ATTACHMENT_NAME + "\"",
            "Content-Transfer-Encoding: base64",
            "",
            attachment,
            "--" + boundary + "--",
            "");
    return message.getBytes(StandardCharsets.US_ASCII);
  }
}
