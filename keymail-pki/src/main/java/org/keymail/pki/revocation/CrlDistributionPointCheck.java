package org.keymail.pki.revocation;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.smime.verdict.CrlRevocationCheck;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;

/**
 * Downloads the CRL a certificate names in its CRL distribution points (http or https) and judges
 * the certificate by it with the S/MIME engine's {@link CrlRevocationCheck} (signed by the issuer,
 * current, full CRL). A CRL once downloaded is used again until its next update, as its issuer
 * promised (a relying party's usual cache; every message of the same signer would otherwise fetch
 * it again); one that says nothing about a certificate, or has no next update, is fetched afresh. A
 * kept CRL's "not revoked" for a certificate is remembered too while the CRL, the certificate and
 * its issuer are all current, as it cannot change before then (the CRL's signature and the path to
 * it are otherwise checked again on every message of that signer). Nothing else is remembered: a
 * certificate the CRL lists is judged afresh each time. Never throws: a CRL that cannot be had is
 * {@link RevocationStatus.Unknown} with the reason. Safe for concurrent use.
 */
public final class CrlDistributionPointCheck implements RevocationCheck {

  private static final int MAX_CRL_BYTES = 10 * 1024 * 1024;

  /** How many distribution points' CRLs are kept; past that the cache starts again. */
  private static final int MAX_KEPT = 256;

  private final RevocationFetch fetch;
  private final Map<URI, Kept> kept = new ConcurrentHashMap<>();

  /** A check that waits at most {@code timeout} for each CRL server. */
  public CrlDistributionPointCheck(Duration timeout) {
    this.fetch = new RevocationFetch(timeout, MAX_CRL_BYTES);
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    List<URI> urls = RevocationFetch.httpUrls(CertificateUrls.crlDistributionPoints(certificate));
    if (urls.isEmpty()) {
      return new RevocationStatus.Unknown("the certificate names no CRL distribution point");
    }
    List<String> failures = new ArrayList<>();
    for (URI url : urls) {
      Kept known = kept.get(url);
      if (known != null && current(known.crl(), at)) {
        RevocationStatus status = known.check(certificate, issuer, at);
        if (!(status instanceof RevocationStatus.Unknown)) {
          return status;
        }
      }
      X509CRL crl;
      try {
        crl = parse(fetch.get(url));
      } catch (RevocationFetch.FetchFailedException failed) {
        failures.add("the CRL server at " + url + " " + failed.getMessage());
        continue;
      } catch (CRLException | CertificateException | RuntimeException unreadable) {
        // The JDK's parser reports some malformed CRLs unchecked as well.
        failures.add("the CRL at " + url + " cannot be read");
        continue;
      }
      Kept fetched = new Kept(crl);
      RevocationStatus status = fetched.check(certificate, issuer, at);
      if (!(status instanceof RevocationStatus.Unknown unknown)) {
        keep(url, fetched);
        return status;
      }
      failures.add("the CRL at " + url + ": " + unknown.why());
    }
    return new RevocationStatus.Unknown(String.join("; ", failures));
  }

  private static boolean current(X509CRL crl, Instant at) {
    return crl.getNextUpdate() != null && at.isBefore(crl.getNextUpdate().toInstant());
  }

  private void keep(URI url, Kept crl) {
    if (crl.crl().getNextUpdate() == null) {
      return;
    }
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    kept.put(url, crl);
  }

  /** A downloaded CRL with the "not revoked" answers it gave, each with the time it holds until. */
  private record Kept(X509CRL crl, Map<Pair, Good> notRevoked) {

    /** The most answers one CRL remembers; past that it starts again. */
    private static final int MAX_ANSWERS = 4096;

    Kept(X509CRL crl) {
      this(crl, new ConcurrentHashMap<>());
    }

    RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
      Pair pair = new Pair(certificate, issuer);
      Good known = notRevoked.get(pair);
      if (known != null && !at.isBefore(known.from()) && at.isBefore(known.until())) {
        return known.status();
      }
      RevocationStatus status = new CrlRevocationCheck(List.of(crl)).check(certificate, issuer, at);
      if (status instanceof RevocationStatus.Good good
          && crl.getRevokedCertificate(certificate) == null) {
        if (notRevoked.size() >= MAX_ANSWERS) {
          notRevoked.clear();
        }
        notRevoked.put(pair, new Good(good, from(certificate, issuer), until(certificate, issuer)));
      }
      return status;
    }

    private Instant from(X509Certificate certificate, X509Certificate issuer) {
      return latest(
          crl.getThisUpdate().toInstant(),
          certificate.getNotBefore().toInstant(),
          issuer.getNotBefore().toInstant());
    }

    private Instant until(X509Certificate certificate, X509Certificate issuer) {
      return earliest(
          crl.getNextUpdate().toInstant(),
          certificate.getNotAfter().toInstant(),
          issuer.getNotAfter().toInstant());
    }
  }

  private record Pair(X509Certificate certificate, X509Certificate issuer) {}

  /** "Not revoked", holding for a time at or after {@code from} and before {@code until}. */
  private record Good(RevocationStatus.Good status, Instant from, Instant until) {}

  private static Instant latest(Instant first, Instant... others) {
    Instant latest = first;
    for (Instant other : others) {
      latest = other.isAfter(latest) ? other : latest;
    }
    return latest;
  }

  private static Instant earliest(Instant first, Instant... others) {
    Instant earliest = first;
    for (Instant other : others) {
      earliest = other.isBefore(earliest) ? other : earliest;
    }
    return earliest;
  }

  private static X509CRL parse(byte[] der) throws CRLException, CertificateException {
    return (X509CRL)
        CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
  }
}
