package org.keymail.vault.options;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's S/MIME options for the mail they write: the presets of the "Encrypt" and "Sign"
 * switches, whether signed mail carries their certificates, and the certificate they chose to sign
 * with (empty: keymail picks the best one for each message).
 *
 * @param encryptAll encrypt the contents and attachments of every message by default
 * @param signAll sign every message by default
 * @param sendCertificates signed messages carry the signer's certificate and its chain
 * @param signingCertificate the id of the vault certificate chosen to sign with
 */
public record MailOptions(
    boolean encryptAll,
    boolean signAll,
    boolean sendCertificates,
    Optional<UUID> signingCertificate) {

  /** A user who never changed them: no default encryption or signature, certificates sent. */
  public static final MailOptions DEFAULT = new MailOptions(false, false, true, Optional.empty());

  public MailOptions {
    Objects.requireNonNull(signingCertificate, "signingCertificate");
  }

  /** Whether keymail picks the signing certificate for each message. */
  public boolean automaticCertificate() {
    return signingCertificate.isEmpty();
  }
}
