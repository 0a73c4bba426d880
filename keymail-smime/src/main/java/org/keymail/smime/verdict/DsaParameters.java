package org.keymail.smime.verdict;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * DSA parameter inheritance (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (f)): a DSA key whose certificate
 * leaves out the domain parameters uses those of the nearest DSA key above it in its path. The
 * signature of a signer with such a key verifies only under the key completed this way.
 */
final class DsaParameters {

  private static final int MAX_DEPTH = 10;

  private DsaParameters() {}

  /**
   * The key that verifies what {@code certificate}'s holder signed: its own, or, for a DSA key
   * without parameters, that key with the parameters of the first issuer above it that has them.
   * {@code issuers} are the certificates above it, nearest first, when a path was built; without
   * one they are found by name among the certificates {@code pool} gives. A key that cannot be
   * completed is returned as it is, and its signature then does not verify.
   */
  static PublicKey workingKey(
      X509Certificate certificate,
      List<X509Certificate> issuers,
      Supplier<List<X509Certificate>> pool) {
    PublicKey key = certificate.getPublicKey();
    if (!(key instanceof DSAPublicKey dsa) || dsa.getParams() != null) {
      return key;
    }
    for (X509Certificate issuer : issuers.isEmpty() ? byName(certificate, pool.get()) : issuers) {
      if (!(issuer.getPublicKey() instanceof DSAPublicKey above)) {
        return key; // parameters are inherited from DSA keys only
      }
      DSAParams parameters = above.getParams();
      if (parameters != null) {
        try {
          return KeyFactory.getInstance("DSA")
              .generatePublic(
                  new DSAPublicKeySpec(
                      dsa.getY(), parameters.getP(), parameters.getQ(), parameters.getG()));
        } catch (GeneralSecurityException unusable) {
          return key;
        }
      }
    }
    return key;
  }

  /** The certificates above {@code certificate}, nearest first, matched by name. */
  private static List<X509Certificate> byName(
      X509Certificate certificate, List<X509Certificate> pool) {
    List<X509Certificate> above = new ArrayList<>();
    X509Certificate current = certificate;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      X509Certificate issuer = null;
      for (X509Certificate candidate : pool) {
        if (!candidate.equals(current)
            && !above.contains(candidate)
            && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      above.add(issuer);
      current = issuer;
    }
    return above;
  }
}
