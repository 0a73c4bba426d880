package org.keymail.cli.smime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.VaultSession;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;

/**
 * Recipients' certificates from the organisation's directory (its global address list), by their
 * exact address: the newest valid certificate each, or a failure that names everyone without one
 * before anything is encrypted.
 */
final class Directory {

  private Directory() {}

  static List<X509Certificate> certificates(VaultSession session, List<String> addresses)
      throws Exception {
    List<X509Certificate> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String text : addresses) {
      if (!(EmailAddress.read(text.strip()) instanceof AddressReading.Usable usable)) {
        throw new CliFailure("'" + text + "' is not an e-mail address");
      }
      EmailAddress address = usable.email();
      JsonNode people =
          session.call(
              api ->
                  api.get(
                      "/api/v1/directory?q="
                          + URLEncoder.encode(address.lookupKey(), StandardCharsets.UTF_8)));
      X509Certificate newest = null;
      Instant newestEnd = Instant.MIN;
      for (JsonNode person : people) {
        if (!(EmailAddress.read(person.path("email").asText())
                instanceof AddressReading.Usable listed)
            || !listed.email().equals(address)) {
          continue;
        }
        for (JsonNode c : person.path("certificates")) {
          X509Certificate certificate = pem(c.path("certificate").asText());
          if (certificate.getNotAfter().toInstant().isAfter(newestEnd)) {
            newest = certificate;
            newestEnd = certificate.getNotAfter().toInstant();
          }
        }
      }
      if (newest == null) {
        missing.add(address.ascii());
      } else {
        found.add(newest);
      }
    }
    if (!missing.isEmpty()) {
      throw new CliFailure(
          "no certificate in the organisation's directory for "
              + String.join(", ", missing)
              + ": nothing was encrypted. Ask them for a signed mail and give their certificate with"
              + " --to-cert");
    }
    return found;
  }

  private static X509Certificate pem(String text) throws CliFailure {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new CliFailure("the directory listed a certificate that does not parse", e);
    }
  }
}
