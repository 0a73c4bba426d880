package org.keymail.server.admin.console;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A FIDO Metadata Service of the tests' own: a root, a BLOB signing certificate it issued, and
 * BLOBs (RS256 JWTs, as mds3.fidoalliance.org serves them) signed with it, minted at run time.
 */
final class TestMetadataService {

  static final String LEGAL_HEADER =
      "Retrieval and use of this BLOB indicates acceptance of the appropriate agreement located at"
          + " https://fidoalliance.org/metadata/metadata-legal-terms/";

  private final X509Certificate root;
  private final X509Certificate signer;
  private final PrivateKey signingKey;

  TestMetadataService(String name, Instant now) {
    try {
      KeyPair rootKeys = rsa();
      KeyPair signerKeys = rsa();
      X500Name rootName = new X500Name("CN=" + name + " Root");
      root =
          certificate(rootName, rootName, rootKeys.getPublic(), rootKeys.getPrivate(), now, true);
      signer =
          certificate(
              new X500Name("CN=" + name + " BLOB Signer"),
              rootName,
              signerKeys.getPublic(),
              rootKeys.getPrivate(),
              now,
              false);
      signingKey = signerKeys.getPrivate();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the root as PEM to {@code file}, for the setting keymail.webauthn.metadata-root. */
  Path writeRoot(Path file) {
    try {
      Files.writeString(
          file,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder().encodeToString(root.getEncoded())
              + "\n-----END CERTIFICATE-----\n");
      return file;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A BLOB numbered {@code serial}, due to be replaced on {@code nextUpdate}, with {@code entries}.
   */
  String blob(int serial, LocalDate nextUpdate, String... entries) {
    String header =
        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"" + base64(encoded(signer)) + "\"]}";
    String payload =
        "{\"legalHeader\":\""
            + LEGAL_HEADER
            + "\",\"no\":"
            + serial
            + ",\"nextUpdate\":\""
            + nextUpdate
            + "\",\"entries\":["
            + String.join(",", entries)
            + "]}";
    String signed = base64url(header) + "." + base64url(payload);
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(signingKey);
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A metadata entry for the model {@code aaguid} whose latest status is {@code status}. */
  static String entry(String aaguid, String status) {
    return "{\"aaguid\":\""
        + aaguid
        + "\",\"statusReports\":[{\"status\":\""
        + status
        + "\",\"effectiveDate\":\"2024-01-01\"}],\"timeOfLastStatusChange\":\"2024-01-01\"}";
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      X500Name subject,
      X500Name issuer,
      java.security.PublicKey key,
      PrivateKey issuerKey,
      Instant now,
      boolean ca)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(ca ? 0 : 1)),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String base64url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
