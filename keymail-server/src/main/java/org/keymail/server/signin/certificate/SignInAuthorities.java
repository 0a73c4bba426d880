package org.keymail.server.signin.certificate;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.trust.ThirdPartyRoot;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.vault.signin.SignInAuthorityList;

/**
 * The certificate authorities whose certificates sign people in: the organisation's own CA (its
 * root as the trust anchor, its issuing CA as the intermediate), and, when an administrator lists
 * them ({@link SignInAuthorityList}), imported trusted roots; no one else's. A listed root counts
 * only while it is still among the trusted roots, and is read afresh for every sign-in. Builds the
 * PKIX path (RFC 5280 §6) from a presented certificate to one of them; revocation is {@link
 * CertificateSignInCheck}'s step, so that it can say "revoked" rather than "no path".
 */
final class SignInAuthorities {

  private final CertificateAuthority organisation;
  private final TrustRootStore trustedRoots;
  private final SignInAuthorityList listed;

  SignInAuthorities(
      CertificateAuthority organisation, TrustRootStore trustedRoots, SignInAuthorityList listed) {
    this.organisation = organisation;
    this.trustedRoots = trustedRoots;
    this.listed = listed;
  }

  /** The imported trusted roots an administrator listed for sign-in. */
  List<X509Certificate> listedRoots() {
    Set<String> fingerprints = new HashSet<>();
    listed.list().forEach(l -> fingerprints.add(l.fingerprint()));
    if (fingerprints.isEmpty()) {
      return List.of();
    }
    return trustedRoots.imported().stream()
        .map(ThirdPartyRoot::certificate)
        .filter(c -> fingerprints.contains(CertificateFingerprint.hex(c)))
        .toList();
  }

  /** The organisation's issuing CA, whose certificates' status its own records hold. */
  X509Certificate organisationIssuing() {
    return organisation.issuing();
  }

  /**
   * The path from {@code certificate} to a sign-in CA, judged at {@code at}, through the
   * organisation's issuing CA or any CA certificate the client sent along; empty when there is
   * none.
   */
  Optional<PKIXCertPathBuilderResult> path(
      X509Certificate certificate, List<X509Certificate> sentAlong, Instant at) {
    Set<TrustAnchor> anchors = new HashSet<>();
    anchors.add(new TrustAnchor(organisation.root(), null));
    listedRoots().forEach(root -> anchors.add(new TrustAnchor(root, null)));
    List<X509Certificate> known = new ArrayList<>(sentAlong);
    known.add(certificate);
    known.add(organisation.issuing());
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(certificate);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      parameters.setMaxPathLength(4);
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
      return Optional.of(
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters));
    } catch (GeneralSecurityException noPath) {
      return Optional.empty();
    }
  }
}
