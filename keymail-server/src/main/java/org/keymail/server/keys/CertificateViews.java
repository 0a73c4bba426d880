package org.keymail.server.keys;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.smime.path.IssuerChain;
import org.keymail.smime.select.Audience;
import org.keymail.smime.select.Candidate;
import org.keymail.smime.select.CertificateSelector;
import org.keymail.smime.select.NoUsableCertificateException;
import org.keymail.smime.select.Purpose;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.VaultCertificate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * A user's own certificates as they should be shown: only those whose key is in the user's vault
 * (never a CA certificate kept for chains), each with its chain, the template the organisation's CA
 * issued it under, its purposes, its state now (valid, expired, not yet valid, or revoked with date
 * and reason, as the CA's records say this very moment), and whether keymail would pick it for
 * signing or for encryption today.
 */
@Service
public class CertificateViews {

  /** One of the user's certificates, with what a person needs to know about it. */
  public record View(
      VaultCertificate stored,
      List<X509Certificate> chain,
      Optional<String> template,
      List<String> purposes,
      State state,
      Optional<Instant> revokedAt,
      Optional<String> revocationReason,
      List<String> usedFor) {}

  /** Where a certificate stands now. */
  public enum State {
    VALID,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED
  }

  private final UserKeys keys;
  private final CertificateAuthority authority;
  private final IssuedCertificateStatus records;
  private final Clock clock;

  public CertificateViews(
      UserKeys keys,
      CertificateAuthority authority,
      IssuedCertificateStatus records,
      @Qualifier("keymailClock") Clock clock) {
    this.keys = keys;
    this.authority = authority;
    this.records = records;
    this.clock = clock;
  }

  /** {@code userId}'s own certificates, newest first, judged for sending as {@code address}. */
  public List<View> of(UUID userId, String address) throws VaultException {
    List<VaultCertificate> all = keys.certificates(userId);
    List<X509Certificate> authorities =
        all.stream().filter(c -> !c.hasVaultKey()).map(VaultCertificate::certificate).toList();
    Instant now = clock.instant();
    List<View> views = new ArrayList<>();
    for (VaultCertificate own : all) {
      if (!own.hasVaultKey()) {
        continue;
      }
      views.add(view(own, authorities, now));
    }
    List<View> marked = markUses(views, address);
    return marked.stream()
        .sorted(
            Comparator.comparing((View v) -> v.stored().certificate().getNotBefore()).reversed())
        .toList();
  }

  private View view(VaultCertificate own, List<X509Certificate> authorities, Instant now) {
    X509Certificate certificate = own.certificate();
    boolean ours = issuedHere(certificate);
    Optional<IssuedCertificateStatus.IssuedRecord> record =
        ours ? record(certificate) : Optional.empty();
    Optional<CertificateStatus.Revoked> revoked =
        record
            .map(IssuedCertificateStatus.IssuedRecord::status)
            .filter(CertificateStatus.Revoked.class::isInstance)
            .map(CertificateStatus.Revoked.class::cast);
    State state =
        revoked.isPresent()
            ? State.REVOKED
            : now.isAfter(certificate.getNotAfter().toInstant())
                ? State.EXPIRED
                : now.isBefore(certificate.getNotBefore().toInstant())
                    ? State.NOT_YET_VALID
                    : State.VALID;
    return new View(
        own,
        ours ? List.of(authority.issuing()) : IssuerChain.issuersOf(certificate, authorities),
        record.map(IssuedCertificateStatus.IssuedRecord::templateName),
        purposes(certificate),
        state,
        revoked.map(CertificateStatus.Revoked::revokedAt),
        revoked.map(r -> r.reason().label()),
        List.of());
  }

  /** The certificates keymail would pick today, for signing and for encryption, marked as such. */
  private List<View> markUses(List<View> views, String address) {
    List<Candidate> candidates = new ArrayList<>();
    for (View view : views) {
      if (view.state() == State.VALID && !view.stored().isArchived()) {
        candidates.add(new Candidate(view.stored().certificate(), view.chain(), false));
      }
    }
    Optional<X509Certificate> signing = pick(Purpose.SIGNING, candidates, address);
    Optional<X509Certificate> encryption = pick(Purpose.ENCRYPTION, candidates, address);
    List<View> marked = new ArrayList<>();
    for (View view : views) {
      List<String> uses = new ArrayList<>();
      if (signing.filter(c -> c.equals(view.stored().certificate())).isPresent()) {
        uses.add("signing");
      }
      if (encryption.filter(c -> c.equals(view.stored().certificate())).isPresent()) {
        uses.add("encryption");
      }
      marked.add(
          new View(
              view.stored(),
              view.chain(),
              view.template(),
              view.purposes(),
              view.state(),
              view.revokedAt(),
              view.revocationReason(),
              List.copyOf(uses)));
    }
    return marked;
  }

  private Optional<X509Certificate> pick(
      Purpose purpose, List<Candidate> candidates, String address) {
    try {
      return Optional.of(
          new CertificateSelector(clock)
              .select(purpose, candidates, address, Audience.INTERNAL)
              .chosen()
              .certificate());
    } catch (NoUsableCertificateException | IllegalArgumentException none) {
      return Optional.empty();
    }
  }

  private boolean issuedHere(X509Certificate certificate) {
    X509Certificate issuing = authority.issuing();
    if (!certificate.getIssuerX500Principal().equals(issuing.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(issuing.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private Optional<IssuedCertificateStatus.IssuedRecord> record(X509Certificate certificate) {
    return records.record(certificate.getSerialNumber());
  }

  /** What the certificate may be used for, in words: signing, encryption, sign-in. */
  public static List<String> purposes(X509Certificate certificate) {
    List<String> purposes = new ArrayList<>();
    boolean[] usage = certificate.getKeyUsage();
    List<String> extended;
    try {
      extended = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException unreadable) {
      extended = List.of();
    }
    boolean email =
        extended == null
            || extended.contains("1.3.6.1.5.5.7.3.4")
            || extended.contains("2.5.29.37.0");
    boolean signs = usage == null || usage[0] || usage[1];
    boolean encrypts = usage == null || usage[2] || usage[4];
    if (email && signs) {
      purposes.add("signing");
    }
    if (email && encrypts) {
      purposes.add("encryption");
    }
    if (extended != null
        && (extended.contains("1.3.6.1.5.5.7.3.2")
            || extended.contains("1.3.6.1.4.1.311.20.2.2"))) {
      purposes.add("sign-in");
    }
    return purposes;
  }
}
