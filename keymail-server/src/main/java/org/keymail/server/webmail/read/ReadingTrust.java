package org.keymail.server.webmail.read;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.revocation.CrlDistributionPointCheck;
import org.keymail.pki.revocation.FirstKnownAnswer;
import org.keymail.pki.revocation.OcspClientCheck;
import org.keymail.pki.revocation.OrganisationRevocationCheck;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.trust.RootRefusedException;
import org.keymail.pki.trust.TrustAnchors;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.verdict.VerifySettings;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.TrustSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * What the webmail judges a signature against: the organisation's root and the roots its
 * administrators imported (read again for every message, so a change counts at once), the
 * organisation's issuing CA as an intermediate, revocation through the organisation's own records
 * for its certificates and the issuer's OCSP responder or CRL for others, and the server's {@code
 * keymail.verify.revocation} setting.
 */
@Component
class ReadingTrust {

  /** How long one issuer's OCSP responder or CRL may take to answer. */
  static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(3);

  private final CertificateAuthority authority;
  private final TrustRootStore roots;
  private final VerifySettings verify;
  private final Clock clock;
  private final RevocationCheck revocation;

  ReadingTrust(
      CertificateAuthority authority,
      TrustRootStore roots,
      IssuedCertificateStatus records,
      VerifySettings verify,
      @Qualifier("keymailClock") Clock clock) {
    this.authority = authority;
    this.roots = roots;
    this.verify = verify;
    this.clock = clock;
    this.revocation =
        new OrganisationRevocationCheck(
            authority.issuing(),
            records,
            FirstKnownAnswer.ocspThenCrl(
                OcspClientCheck.builder().timeout(ISSUER_TIMEOUT).clock(clock).build(),
                new CrlDistributionPointCheck(ISSUER_TIMEOUT)));
  }

  /** The settings for judging a signature now. */
  TrustSettings settings() {
    TrustSettings.Builder settings =
        anchors().applyTo(TrustSettings.builder()).intermediate(authority.issuing());
    return verify.applyTo(settings).revocation(revocation).clock(clock).build();
  }

  /** The revocation check the settings use (the details view asks it once more, to show how). */
  RevocationCheck revocation() {
    return revocation;
  }

  /** The organisation's issuing CA certificate. */
  X509Certificate organisationIssuing() {
    return authority.issuing();
  }

  /** What an unknown revocation status counts for, in the configuration's words. */
  String revocationPolicy() {
    return verify.revocation();
  }

  /** Every certificate a signer's chain may be shown with: the anchors and the issuing CA. */
  List<X509Certificate> knownAuthorities() {
    List<X509Certificate> all = new ArrayList<>(anchors().anchors());
    all.add(authority.issuing());
    return all;
  }

  private TrustAnchors anchors() {
    try {
      return roots.anchors(authority.root());
    } catch (RootRefusedException e) {
      // The stored roots were checked when imported; the organisation's own root is always there.
      return TrustAnchors.builder().organisationRoot(authority.root()).build();
    }
  }
}
