package org.keymail.smime.path;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A certificate's issuers among the certificates at hand, matched by name, nearest first, up to a
 * self-issued root: the chain a PKCS#12 file or a user's stored certificates carry, for showing it
 * and sending it along. It checks no signature; {@link CertificationPaths} validates.
 */
public final class IssuerChain {

  /** More CAs above one certificate than any real hierarchy has: the walk stops there. */
  public static final int MAX_ISSUERS = 8;

  private IssuerChain() {}

  /** The issuers of {@code certificate} among {@code candidates}, nearest first. */
  public static List<X509Certificate> issuersOf(
      X509Certificate certificate, Collection<X509Certificate> candidates) {
    List<X509Certificate> issuers = new ArrayList<>();
    X509Certificate current = certificate;
    while (issuers.size() < MAX_ISSUERS
        && !current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
      X509Certificate issuer = null;
      for (X509Certificate candidate : candidates) {
        if (!issuers.contains(candidate)
            && !candidate.equals(certificate)
            && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      issuers.add(issuer);
      current = issuer;
    }
    return issuers;
  }
}
