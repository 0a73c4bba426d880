package org.keymail.smime.path;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds PKIX certification paths (RFC 5280 §6, the JDK's builder, without revocation) and
 * remembers the ones that validated, so that mail from the same sender does not build and check the
 * same path again for every message.
 *
 * <p>A remembered path is given back only for the same signer certificate, the same trust anchors
 * and the same pool of other certificates, and only at a time within the validity of every
 * certificate on it; otherwise the path is built anew. Paths that fail are never remembered.
 * Revocation is not part of the path: callers check it on every use, so a revocation counts at
 * once. Depends on nothing but its arguments, so one instance serves every reader and trust setting
 * in the process ({@link #shared()}); it holds at most {@value #CAPACITY} paths, the least recently
 * used leaving first. Safe for use by several threads.
 */
public final class CertificationPaths {

  static final int CAPACITY = 512;

  private static final CertificationPaths SHARED = new CertificationPaths(CAPACITY);

  private final Map<Key, Validated> validated;

  /** An empty cache of at most {@code capacity} paths. */
  public CertificationPaths(int capacity) {
    this.validated =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Validated> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cache every reader of this process shares. */
  public static CertificationPaths shared() {
    return SHARED;
  }

  /**
   * A PKIX path from {@code target} to one of {@code anchors} through certificates of {@code pool},
   * valid at {@code at}, without revocation checking.
   *
   * @throws CertPathBuilderException when there is no such path
   */
  public PKIXCertPathBuilderResult build(
      X509Certificate target,
      Collection<X509Certificate> anchors,
      Collection<X509Certificate> pool,
      Date at)
      throws GeneralSecurityException {
    Key key = new Key(target, Set.copyOf(anchors), Set.copyOf(pool));
    Instant when = at.toInstant();
    Validated known;
    synchronized (validated) {
      known = validated.get(key);
    }
    if (known != null && known.covers(when)) {
      return known.result();
    }
    PKIXCertPathBuilderResult result = buildAnew(target, anchors, pool, at);
    synchronized (validated) {
      validated.put(key, Validated.of(result));
    }
    return result;
  }

  private static PKIXCertPathBuilderResult buildAnew(
      X509Certificate target,
      Collection<X509Certificate> anchors,
      Collection<X509Certificate> pool,
      Date at)
      throws GeneralSecurityException {
    Set<TrustAnchor> trustAnchors = new HashSet<>();
    anchors.forEach(a -> trustAnchors.add(new TrustAnchor(a, null)));
    X509CertSelector selector = new X509CertSelector();
    selector.setCertificate(target);
    PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, selector);
    parameters.setRevocationEnabled(false);
    parameters.setDate(at);
    parameters.addCertStore(
        CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
    return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
  }

  /** What a path was built from. Certificates compare by their encoding. */
  private record Key(
      X509Certificate target, Set<X509Certificate> anchors, Set<X509Certificate> pool) {}

  /** A path that validated, and the span of time in which every certificate on it is valid. */
  private record Validated(PKIXCertPathBuilderResult result, Instant from, Instant until) {

    static Validated of(PKIXCertPathBuilderResult result) {
      Instant from = Instant.MIN;
      Instant until = Instant.MAX;
      for (Certificate c : result.getCertPath().getCertificates()) {
        X509Certificate certificate = (X509Certificate) c;
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        from = notBefore.isAfter(from) ? notBefore : from;
        until = notAfter.isBefore(until) ? notAfter : until;
      }
      return new Validated(result, from, until);
    }

    boolean covers(Instant at) {
      return !at.isBefore(from) && !at.isAfter(until);
    }
  }
}
