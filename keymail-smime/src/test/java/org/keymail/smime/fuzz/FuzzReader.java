package org.keymail.smime.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.verdict.TrustSettings;

/**
 * The reader the fuzz targets feed: it holds the throwaway fuzz keys ({@code bench/make-fuzz-seeds}
 * made them) that the encrypted seeds are addressed to, and trusts the fuzz certificates.
 */
final class FuzzReader {

  private static final String RESOURCES = "/org/keymail/smime/fuzz/";

  private FuzzReader() {}

  static MessageReader create() {
    X509Certificate rsa = certificate("fuzz-rsa.pem");
    X509Certificate ec = certificate("fuzz-ec.pem");
    List<KeyHandle> keys =
        List.of(
            SoftwareKeyHandle.of(privateKey("fuzz-rsa.key"), rsa),
            SoftwareKeyHandle.of(privateKey("fuzz-ec.key"), ec));
    // Trusting the fuzz CA lets mutated seeds reach path validation, not only the signature
    // check; a fixed instant keeps the replay of a finding exact.
    TrustSettings trust =
        TrustSettings.builder()
            .anchor(certificate("fuzz-ca.pem"))
            .at(Instant.parse("2027-01-01T00:00:00Z"))
            .build();
    return MessageReader.builder().keys(keys).trust(trust).build();
  }

  private static X509Certificate certificate(String name) {
    try (InputStream in = resource(name)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException("fuzz certificate " + name + " is unreadable", e);
    }
  }

  private static PrivateKey privateKey(String name) {
    try (Reader in = new InputStreamReader(resource(name), StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(in)) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
    } catch (IOException e) {
      throw new IllegalStateException("fuzz key " + name + " is unreadable", e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = FuzzReader.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + RESOURCES + name);
    }
    return in;
  }
}
