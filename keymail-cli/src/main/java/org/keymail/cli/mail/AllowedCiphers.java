package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import org.keymail.cli.CliFailure;
import org.keymail.smime.encrypt.ContentCipher;

/**
 * The ciphers {@code keymail mail send} may encrypt with: those the organisation's policy {@code
 * mail.encryption-algorithms} allows, as {@code /api/v1/mail/options} lists them. A server that
 * lists none (older than the policy) leaves keymail's own choice, AES-256-GCM or AES-256-CBC.
 */
final class AllowedCiphers {

  private AllowedCiphers() {}

  /**
   * The allowed ciphers named in {@code options}; names this keymail does not know are left out.
   *
   * @throws CliFailure when the server lists algorithms but none this keymail can encrypt with
   */
  static Set<ContentCipher> from(JsonNode options) throws CliFailure {
    JsonNode listed = options.path("encryptionAlgorithms");
    if (!listed.isArray()) {
      return EnumSet.of(ContentCipher.AES256_GCM, ContentCipher.AES256_CBC);
    }
    Set<ContentCipher> allowed = EnumSet.noneOf(ContentCipher.class);
    for (JsonNode name : listed) {
      ContentCipher.byName(name.asText())
          .filter(ContentCipher::isUsedForSending)
          .ifPresent(allowed::add);
    }
    if (allowed.isEmpty()) {
      throw new CliFailure(
          "not sent: your organisation allows encrypting only with "
              + listed
              + ", which this keymail cannot encrypt with; update keymail");
    }
    return allowed;
  }
}
