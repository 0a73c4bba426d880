package org.keymail.smime.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds the messages the engine's tests sign, encrypt and read. */
public final class Messages {

  private Messages() {}

  /** A plain text message with CRLF line ends. */
  public static byte[] text(String from, String to, String body) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: keymail test\r\n"
            + "Date: Thu, 26 Nov 2026 09:00:00 +0000\r\nMessage-ID: <test@keymail.example>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A multipart/mixed message: a text part and a base64 attachment. */
  public static byte[] withAttachment(String from, String to, byte[] attachment, String fileName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(attachment.length * 4 / 3 + 1024);
    String boundary = "=_mixed_keymail_test";
    String head =
        "From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: report attached\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\""
            + boundary
            + "\"\r\n\r\n"
            + "--"
            + boundary
            + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThe report is attached.\r\n"
            + "--"
            + boundary
            + "\r\nContent-Type: application/octet-stream; name=\""
            + fileName
            + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\""
            + fileName
            + "\"\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(attachment));
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The decoded bytes of the base64 attachment named {@code fileName} in a message's text. */
  public static byte[] attachment(byte[] message, String fileName) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("filename=\"" + fileName + "\"");
    if (start < 0) {
      throw new AssertionError("no attachment " + fileName + " in the message");
    }
    int body = text.indexOf("\r\n\r\n", start) + 4;
    int end = text.indexOf("\r\n--", body);
    return Base64.getMimeDecoder().decode(text.substring(body, end));
  }
}
