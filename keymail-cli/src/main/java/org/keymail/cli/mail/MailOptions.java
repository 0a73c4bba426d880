package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultSession;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.sign.CertificateInclusion;

/**
 * The user's mail options as the server keeps them ({@code GET /api/v1/mail/options}): who they
 * send as and what their webmail's Sign and Encrypt switches default to. Fields the server adds
 * later are ignored here; the server enforces its own policies on every message sent anyway.
 *
 * @param address the user's address, the only one they send as
 * @param displayName the user's name beside it (may be blank)
 * @param signAll whether every message is signed unless the user says otherwise
 * @param encryptAll whether every message is encrypted unless the user says otherwise
 * @param certificates whether a signed message carries the user's certificates
 */
public record MailOptions(
    EmailAddress address,
    String displayName,
    boolean signAll,
    boolean encryptAll,
    CertificateInclusion certificates) {

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
            : CertificateInclusion.NONE);
  }
}
