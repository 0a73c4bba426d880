package org.keymail.pki.ocsp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * Tells whether an OCSP CertID (RFC 6960 §4.1.1) names one CA: the hash of its subject name and the
 * hash of its public key, with whichever hash the client chose (SHA-1, SHA-2).
 */
final class CertIdMatcher {

  private static final Map<ASN1ObjectIdentifier, String> HASHES =
      Map.of(
          OIWObjectIdentifiers.idSHA1, "SHA-1",
          NISTObjectIdentifiers.id_sha256, "SHA-256",
          NISTObjectIdentifiers.id_sha384, "SHA-384",
          NISTObjectIdentifiers.id_sha512, "SHA-512");

  private final byte[] subjectName;
  private final byte[] publicKey;

  CertIdMatcher(X509Certificate ca) {
    this.subjectName = ca.getSubjectX500Principal().getEncoded();
    this.publicKey =
        SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded())
            .getPublicKeyData()
            .getBytes();
  }

  /** Whether {@code id} names this CA; false for hashes keymail does not compute. */
  boolean matches(CertificateID id) {
    String hash = HASHES.get(id.getHashAlgOID());
    if (hash == null) {
      return false;
    }
    try {
      return Arrays.equals(id.getIssuerNameHash(), digest(hash, subjectName))
          && Arrays.equals(id.getIssuerKeyHash(), digest(hash, publicKey));
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("the JDK lacks " + hash, missing);
    }
  }

  private static byte[] digest(String hash, byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance(hash).digest(data);
  }
}
