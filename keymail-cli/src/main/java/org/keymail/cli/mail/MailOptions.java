package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultSession;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.sign.CertificateInclusion;

/**
 * The user's mail options as the server keeps them ({@code GET /api/v1/mail/options}): who they
 * send as, what their webmail's Sign and Encrypt switches default to (as the organisation's
 * policies make them), what the organisation requires, and the algorithms it allows. Fields the
 * server adds later are ignored here; the server enforces its own policies on every message sent
 * anyway.
 *
 * @param address the user's address, the only one they send as
 * @param displayName the user's name beside it (may be blank)
 * @param signAll whether every message is signed unless the user says otherwise
 * @param encryptAll whether every message is encrypted unless the user says otherwise
 * @param certificates whether a signed message carries the user's certificates
 * @param signRequired whether the organisation refuses a message that is not signed
 * @param encryptRequired whether the organisation refuses a message that is not encrypted
 * @param ciphers the content-encryption algorithms the organisation allows
 */
public record MailOptions(
    EmailAddress address,
    String displayName,
    boolean signAll,
    boolean encryptAll,
    CertificateInclusion certificates,
    boolean signRequired,
    boolean encryptRequired,
    Set<ContentCipher> ciphers) {

  public MailOptions {
    ciphers = Set.copyOf(ciphers);
  }

  /** The options of the user of {@code session}. */
  public static MailOptions of(VaultSession session)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    JsonNode options = session.call(api -> api.get("/api/v1/mail/options"));
    return new MailOptions(
        EmailAddress.parse(options.path("address").asText()),
        options.path("displayName").asText(""),
        options.path("signAll").asBoolean(),
        options.path("encryptAll").asBoolean(),
        options.path("sendCertificates").asBoolean(true)
            ? CertificateInclusion.CHAIN
            : CertificateInclusion.NONE,
        options.path("signRequired").asBoolean(),
        options.path("encryptRequired").asBoolean(),
        AllowedCiphers.from(options));
  }

  /**
   * What a message gets: the person's own choice where they made one ({@code sign}, {@code
   * encrypt}; null for none), else these options (already on where the organisation requires it).
   *
   * @throws CliFailure the person chose not to sign or encrypt where the organisation requires it
   */
  public Protection protection(Boolean sign, Boolean encrypt) throws CliFailure {
    if (Boolean.FALSE.equals(sign) && signRequired) {
      throw new CliFailure(
          "not sent: your organisation requires every message to be signed; leave out --no-sign");
    }
    if (Boolean.FALSE.equals(encrypt) && encryptRequired) {
      throw new CliFailure(
          "not sent: your organisation requires every message to be encrypted; leave out"
              + " --no-encrypt");
    }
    return Protection.of(
        Protection.Choice.of(sign != null ? sign : signAll),
        Protection.Choice.of(encrypt != null ? encrypt : encryptAll));
  }
}
