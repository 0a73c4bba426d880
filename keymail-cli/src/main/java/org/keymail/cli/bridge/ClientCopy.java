package org.keymail.cli.bridge;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.mail.MessageOpening;
import org.keymail.cli.smime.VaultKeys;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;

/**
 * A received message as the bridge gives it to a mail client: a signed or plain message byte for
 * byte as the mail server holds it, an encrypted one decrypted (every layer opened, the outer
 * header kept), and on top of either three fields saying what keymail found, which clients show or
 * filter on:
 *
 * <pre>
 * Authentication-Results: keymail.bridge; smime=pass reason="..." smime.smime-identifier=alice@example.org
 * X-Keymail-Verdict: VALID_TRUSTED: the signature is valid and the signer is trusted; signed by ...
 * X-Keymail-Security: signed and encrypted
 * </pre>
 *
 * The {@code smime} result (RFC 7601, RFC 7281) is {@code pass} for VALID_TRUSTED, {@code badcert}
 * for VALID_UNTRUSTED, {@code fail} for INVALID, {@code none} when unsigned, and {@code permerror}
 * for a message keymail could not decrypt or check (broken MIME or CMS), which is then given as
 * received with the reason ({@code not decrypted: ...}, {@code not checked: ...}). Fields of these
 * names already in the message are removed first, so a sender cannot forge them. The copy lives in
 * this process's memory only; nothing decrypted goes back to the mail server.
 */
final class ClientCopy {

  static final String AUTHSERV_ID = "keymail.bridge";

  private ClientCopy() {}

  /**
   * The client's copy of {@code raw}.
   *
   * @throws NotUnlockedException the keys are locked and cannot be unlocked now: try again later
   * @throws ServerUnreachableException the vault could not be asked: try again later
   */
  static byte[] of(VaultSession session, byte[] raw, TrustSettings trust)
      throws NotUnlockedException,
          ServerUnreachableException,
          ServerRefusal,
          CliFailure,
          IOException {
    try (ReadResult result = MessageOpening.open(session, raw, trust)) {
      byte[] message;
      if (result.isEncrypted()) {
        try (InputStream readable = result.openMessage()) {
          message = readable.readAllBytes();
        }
      } else {
        message = raw;
      }
      return withFields(
          message, authentication(result.verdict()), result.verdict(), security(result));
    } catch (SmimeException e) {
      rethrowIfTemporary(e);
      String why =
          (VaultKeys.looksEncrypted(raw) ? "not decrypted: " : "not checked: ") + e.getMessage();
      return withFields(
          raw, "smime=permerror reason=\"" + quoted(why) + "\"", Optional.empty(), why);
    }
  }

  /** A key the vault could not use now (locked, unreachable) is no property of the message. */
  private static void rethrowIfTemporary(SmimeException e)
      throws NotUnlockedException, ServerUnreachableException, ServerRefusal {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof NotUnlockedException locked) {
        throw locked;
      }
      if (cause instanceof ServerUnreachableException unreachable) {
        throw unreachable;
      }
      if (cause instanceof ServerRefusal refusal
          && ("passkey_required".equals(refusal.error()) || refusal.status() >= 500)) {
        throw refusal;
      }
    }
  }

  private static String authentication(Optional<Verdict> verdict) {
    if (verdict.isEmpty()) {
      return "smime=none";
    }
    Verdict v = verdict.get();
    String result =
        switch (v.status()) {
          case VALID_TRUSTED -> "pass";
          case VALID_UNTRUSTED -> "badcert";
          case INVALID -> "fail";
        };
    return "smime="
        + result
        + " reason=\""
        + quoted(v.reason())
        + "\" smime.smime-identifier="
        + ascii(v.signerName()).replaceAll("[\\s;()\"]", "_");
  }

  private static String security(ReadResult result) {
    if (result.isSigned() && result.isEncrypted()) {
      return "signed and encrypted";
    }
    return result.isSigned()
        ? "signed"
        : result.isEncrypted() ? "encrypted" : "neither signed nor encrypted";
  }

  private static byte[] withFields(
      byte[] message, String authentication, Optional<Verdict> verdict, String security)
      throws UnsupportedEncodingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
    field(out, "Authentication-Results", AUTHSERV_ID + "; " + authentication);
    if (verdict.isPresent()) {
      field(
          out, "X-Keymail-Verdict", MimeUtility.encodeText(verdict.get().summary(), "UTF-8", "Q"));
    }
    field(out, "X-Keymail-Security", ascii(security));
    out.writeBytes(withoutOurFields(message));
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String name, String value) {
    String line = name + ": " + value;
    if (line.length() > 900) {
      line = line.substring(0, 900) + "...";
    }
    out.writeBytes(
        (MimeUtility.fold(0, line).replaceAll("\r?\n", "\r\n") + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** The message without any field of the names keymail writes, under its name (forgeries). */
  private static byte[] withoutOurFields(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return message;
    }
    String header = text.substring(0, end + 2);
    if (!header.toLowerCase(Locale.ROOT).contains("x-keymail-")
        && !header.toLowerCase(Locale.ROOT).contains(AUTHSERV_ID)) {
      return message;
    }
    StringBuilder kept = new StringBuilder();
    boolean keep = true;
    for (String line : header.split("(?<=\r\n)")) {
      if (!(line.startsWith(" ") || line.startsWith("\t"))) {
        String lower = line.toLowerCase(Locale.ROOT);
        keep =
            !(lower.startsWith("x-keymail-verdict:")
                || lower.startsWith("x-keymail-security:")
                || lower.startsWith("authentication-results:") && lower.contains(AUTHSERV_ID));
      }
      if (keep) {
        kept.append(line);
      }
    }
    kept.append(text, end + 2, text.length());
    return kept.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String quoted(String text) {
    return ascii(text).replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Printable ASCII only: a header field is no place for control characters. */
  private static String ascii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return out.toString();
  }
}
