package org.keymail.pki.revocation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.keymail.smime.verdict.CertificateInPath;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;

/**
 * Asks several revocation checks in turn and takes the first that knows (good or revoked), e.g.
 * OCSP, then the CRL distribution point. When none knows, the reasons of all are kept, said once (a
 * FirstKnownAnswer among the checks is asked check by check, so its reasons are not wrapped twice).
 * Each check is asked with the certificate's place in its path, for the checks that use it.
 */
public final class FirstKnownAnswer implements RevocationCheck {

  private final List<RevocationCheck> checks;

  private FirstKnownAnswer(List<RevocationCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Asks {@code first}, then each of {@code then} while the answer is unknown. */
  public static FirstKnownAnswer of(RevocationCheck first, RevocationCheck... then) {
    List<RevocationCheck> all = new ArrayList<>();
    for (RevocationCheck check : prepend(first, then)) {
      if (check instanceof FirstKnownAnswer nested) {
        all.addAll(nested.checks);
      } else {
        all.add(check);
      }
    }
    return new FirstKnownAnswer(all);
  }

  /**
   * OCSP from the certificate's AIA, then its CRL distribution point: the usual order for other
   * CAs.
   */
  public static FirstKnownAnswer ocspThenCrl(OcspClientCheck ocsp, CrlDistributionPointCheck crl) {
    return of(ocsp, crl);
  }

  private static List<RevocationCheck> prepend(RevocationCheck first, RevocationCheck... then) {
    List<RevocationCheck> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(then));
    return all;
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    return firstKnown(check -> check.check(certificate, issuer, at));
  }

  @Override
  public RevocationStatus check(CertificateInPath position, Instant at) {
    return firstKnown(check -> check.check(position, at));
  }

  private RevocationStatus firstKnown(Function<RevocationCheck, RevocationStatus> ask) {
    List<String> why = new ArrayList<>();
    for (RevocationCheck check : checks) {
      RevocationStatus status = ask.apply(check);
      if (status instanceof RevocationStatus.Unknown unknown) {
        why.add(unknown.why());
      } else {
        return status;
      }
    }
    return new RevocationStatus.Unknown(
        "revocation could not be checked: " + String.join("; ", why));
  }
}
