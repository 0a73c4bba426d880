package org.keymail.vault.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks the signature of a FIDO Metadata Service BLOB (a JWS in compact form, RS256 or ES256, its
 * signing chain in {@code x5c}) against the MDS root, offline. Revocation of the signing chain is
 * not checked: keymail fetches nothing from the internet, and the MDS publishes its CRLs online
 * only.
 */
final class MetadataBlobSignature {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MetadataBlobSignature() {}

  /** Refuses {@code jwt} unless its signature chains to {@code root} at {@code now}. */
  static void verify(String jwt, X509Certificate root, Instant now)
      throws MetadataBlobRefusedException {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw notABlob();
    }
    JsonNode header;
    byte[] signature;
    try {
      header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IOException | IllegalArgumentException e) {
      throw notABlob();
    }
    List<X509Certificate> chain = chain(header);
    try {
      Signature check = Signature.getInstance(algorithm(header.path("alg").asText()));
      check.initVerify(chain.get(0).getPublicKey());
      check.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!check.verify(signature)) {
        throw new MetadataBlobRefusedException(
            "the BLOB's signature does not match its content; download it again");
      }
      PKIXParameters path = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      path.setRevocationEnabled(false);
      path.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), path);
    } catch (CertPathValidatorException e) {
      throw new MetadataBlobRefusedException(
          "the BLOB is not signed by the FIDO Metadata Service ("
              + chain.get(0).getSubjectX500Principal().getName()
              + " does not chain to "
              + root.getSubjectX500Principal().getName()
              + ")",
          e);
    } catch (GeneralSecurityException e) {
      throw new MetadataBlobRefusedException(
          "the BLOB's signature could not be checked: " + e.getMessage(), e);
    }
  }

  private static String algorithm(String alg) throws MetadataBlobRefusedException {
    return switch (alg) {
      case "RS256" -> "SHA256withRSA";
      case "ES256" -> "SHA256withECDSAinP1363Format";
      default ->
          throw new MetadataBlobRefusedException(
              "the BLOB is signed with " + alg + "; the FIDO Metadata Service uses RS256 or ES256");
    };
  }

  private static List<X509Certificate> chain(JsonNode header) throws MetadataBlobRefusedException {
    JsonNode x5c = header.path("x5c");
    if (!x5c.isArray() || x5c.isEmpty()) {
      throw new MetadataBlobRefusedException(
          "the BLOB carries no signing certificates (x5c); it is not one from the FIDO Metadata"
              + " Service");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      for (JsonNode der : x5c) {
        chain.add(
            (X509Certificate)
                x509.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(der.asText()))));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new MetadataBlobRefusedException(
          "the BLOB's signing certificates (x5c) can not be read", e);
    }
    return chain;
  }

  private static MetadataBlobRefusedException notABlob() {
    return new MetadataBlobRefusedException(
        "this is not a FIDO metadata BLOB (the file blob.jwt from mds3.fidoalliance.org)");
  }
}
