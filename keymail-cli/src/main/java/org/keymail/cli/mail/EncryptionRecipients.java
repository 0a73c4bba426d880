package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.smime.VaultKeys;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.encrypt.SmimeCapabilities;

/**
 * Whom {@code keymail mail send} and the bridge encrypt to: each recipient's certificate as the
 * server chooses it from the directory and the user's contacts (the same choice as the webmail's),
 * and the user's own encryption certificate, so the copy in Sent stays readable. Anyone without a
 * certificate stops the message before it is written, all of them named in one {@link
 * MissingCertificatesException}.
 */
final class EncryptionRecipients {

  private EncryptionRecipients() {}

  /** The certificates of every recipient and the user's own, or a failure naming who has none. */
  static MessageEncryptor encryptor(
      VaultSession session,
      EmailAddress from,
      Set<EmailAddress> everyone,
      Set<ContentCipher> allowed)
      throws Exception {
    List<EmailAddress> others = everyone.stream().filter(r -> !r.equals(from)).toList();
    MessageEncryptor.Builder builder = MessageEncryptor.builder().allowedCiphers(allowed);
    if (!others.isEmpty()) {
      String query =
          others.stream()
              .map(a -> "address=" + URLEncoder.encode(a.ascii(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      JsonNode found = session.call(api -> api.get("/api/v1/mail/certificates?" + query));
      List<String> missing = new ArrayList<>();
      found.path("missing").forEach(m -> missing.add(m.asText()));
      if (!missing.isEmpty()) {
        throw new MissingCertificatesException(missing);
      }
      for (JsonNode c : found.path("certificates")) {
        builder.recipient(
            new EncryptionRecipient(
                certificate(c.path("certificate").asText()), capabilities(c.path("capabilities"))));
      }
    }
    X509Certificate own =
        VaultKeys.list(session)
            .encryptionCertificate()
            .orElseThrow(
                () ->
                    new CliFailure(
                        "not sent: you have no valid certificate for encryption, so you could not"
                            + " read your own copy; request one with 'keymail cert request', or"
                            + " send with --no-encrypt"));
    if (others.isEmpty()) {
      // To themselves only: as a recipient whose client is unknown (AES-256-CBC, which every
      // client reads), unless the organisation does not allow it; then as keymail, which reads GCM.
      builder
          .recipient(
              allowed.contains(ContentCipher.AES256_CBC)
                  ? EncryptionRecipient.of(own)
                  : new EncryptionRecipient(own, SmimeCapabilities.keymail()))
          .withoutSenderCopy();
    } else {
      builder.senderCopy(own);
    }
    return builder.build();
  }

  /**
   * What the recipient's client reads, as the server knows it (the organisation's certificates are
   * read by keymail; a contact's client from their signed mail); unknown when it sends none.
   */
  private static SmimeCapabilities capabilities(JsonNode listed) throws CliFailure {
    if (!listed.isArray()) {
      return SmimeCapabilities.unknown();
    }
    List<ASN1ObjectIdentifier> identifiers = new ArrayList<>();
    for (JsonNode oid : listed) {
      try {
        identifiers.add(new ASN1ObjectIdentifier(oid.asText()));
      } catch (IllegalArgumentException e) {
        throw new CliFailure("the server sent a capability that is not an object identifier", e);
      }
    }
    return SmimeCapabilities.of(identifiers);
  }

  private static X509Certificate certificate(String pem) throws CliFailure {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new CliFailure("the server sent a recipient's certificate that does not parse", e);
    }
  }
}
