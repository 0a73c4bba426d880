package org.keymail.server.pki;

import java.net.URI;
import java.util.Optional;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The organisation's certificate authority as configured under {@code keymail.ca} ({@code
 * KEYMAIL_CA_*} in the environment). Read on every start; the names and key types only matter on
 * the first start, which creates the CA. The public base URL is written into every certificate
 * issued afterwards.
 *
 * @param organisation the organisation's name, written as O= into the CA and user certificates
 * @param rootName the root CA's distinguished name (default {@code
 *     O=<organisation>,CN=<organisation> Root CA})
 * @param issuingName the issuing CA's distinguished name (default {@code ... Issuing CA})
 * @param rootKey {@code ec-p384} (default) or {@code rsa-4096} (Spring's binding also takes {@code
 *     EC_P384})
 * @param issuingKey {@code ec-p256} (default) or {@code rsa-3072}
 * @param publicBaseUrl the plain-http address relying parties fetch CRLs and OCSP answers from
 *     (default {@code http://<rp-id>:<pki-port>})
 */
@ConfigurationProperties("keymail.ca")
public record CaProperties(
    String organisation,
    String rootName,
    String issuingName,
    CaKeyAlgorithm rootKey,
    CaKeyAlgorithm issuingKey,
    String publicBaseUrl) {

  public CaProperties {
    organisation =
        organisation == null || organisation.isBlank() ? "keymail" : organisation.strip();
    rootName = blankToNull(rootName);
    issuingName = blankToNull(issuingName);
    rootKey = rootKey == null ? CaKeyAlgorithm.EC_P384 : rootKey;
    issuingKey = issuingKey == null ? CaKeyAlgorithm.EC_P256 : issuingKey;
    publicBaseUrl = blankToNull(publicBaseUrl);
  }

  /** The configured public base URL, when one is set. */
  public Optional<URI> publicBase() {
    return Optional.ofNullable(publicBaseUrl).map(URI::create);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
