package org.keymail.pki.trust;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;
import org.keymail.smime.CertificateFingerprint;

/**
 * The organisation's trust store in tables {@code trust_roots} and {@code trust_settings}:
 * third-party roots administrators imported (checked by {@link ThirdPartyRoot#parse} first) and the
 * opt-in to the JDK's public roots. Every change is a {@code TRUST_CHANGE} audit event in the same
 * transaction. {@link #anchors} builds the {@link TrustAnchors} the verifier uses.
 */
public final class TrustRootStore {

  /** The audit operation of every trust-store change. */
  public static final String TRUST_CHANGE = "TRUST_CHANGE";

  /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final PkiDatabase database;
  private final CaAuditTrail audit;
  private final Clock clock;

  public TrustRootStore(PkiDatabase database, CaAuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The imported roots, oldest import first. */
  public List<ThirdPartyRoot> imported() {
    return database.read(
        c -> {
          List<ThirdPartyRoot> roots = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT der FROM trust_roots ORDER BY imported_at, sha256_hex");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              roots.add(new ThirdPartyRoot(CertificateAuthority.certificate(r.getBytes(1))));
            }
          }
          return roots;
        });
  }

  /**
   * Adds an administrator's root.
   *
   * @throws RootRefusedException (DUPLICATE) when it is the organisation's own root or imported
   *     already
   */
  public ThirdPartyRoot add(
      ThirdPartyRoot root,
      X509Certificate organisationRoot,
      UUID administratorId,
      String clientAddress)
      throws RootRefusedException {
    String sha256 = CertificateFingerprint.hex(root.certificate());
    if (sha256.equals(CertificateFingerprint.hex(organisationRoot))) {
      throw duplicate(root);
    }
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO trust_roots (sha256_hex, der, subject, not_after, imported_by,"
                      + " imported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, sha256);
            s.setBytes(2, der(root.certificate()));
            s.setString(3, root.name());
            s.setObject(4, SqlTimes.utc(root.certificate().getNotAfter().toInstant()));
            s.setObject(5, administratorId);
            s.setObject(6, SqlTimes.utc(clock.instant()));
            s.executeUpdate();
          } catch (SQLException e) {
            // Imported already (by another administrator a moment ago): refused, rolled back.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
              throw duplicate(root);
            }
            throw e;
          }
          audit.record(
              c,
              new CaEvent(
                  administratorId,
                  TRUST_CHANGE,
                  "root " + sha256,
                  clientAddress,
                  CaEvent.Outcome.SUCCESS,
                  "imported " + root.name()));
          return null;
        });
    return root;
  }

  /** Whether the JDK's public roots count as trusted for e-mail certificates. */
  public boolean publicRootsEnabled() {
    return database.read(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT public_roots FROM trust_settings WHERE id = 1");
              ResultSet r = s.executeQuery()) {
            return r.next() && r.getBoolean(1);
          }
        });
  }

  /** Opts in to the JDK's public roots. */
  public void enablePublicRoots(UUID administratorId, String clientAddress) {
    setPublicRoots(Boolean.TRUE, administratorId, clientAddress);
  }

  /** Opts out of the JDK's public roots (the default). */
  public void disablePublicRoots(UUID administratorId, String clientAddress) {
    setPublicRoots(Boolean.FALSE, administratorId, clientAddress);
  }

  /**
   * The anchors the verifier trusts now: the organisation's root, the imported roots, and the
   * public roots when opted in — each only while it is valid. PKIX path validation does not judge a
   * trust anchor's own dates, so a root that expired after it was imported is left out here.
   */
  public TrustAnchors anchors(X509Certificate organisationRoot) throws RootRefusedException {
    Instant now = clock.instant();
    TrustAnchors.Builder anchors = TrustAnchors.builder().organisationRoot(organisationRoot);
    for (ThirdPartyRoot root : imported()) {
      if (validAt(root.certificate(), now)) {
        anchors.thirdPartyRoot(root);
      }
    }
    if (publicRootsEnabled()) {
      anchors.widelyTrusted(
          PublicRoots.fromJdk().stream().filter(root -> validAt(root, now)).toList());
    }
    return anchors.build();
  }

  private static boolean validAt(X509Certificate certificate, Instant now) {
    return !now.isBefore(certificate.getNotBefore().toInstant())
        && !now.isAfter(certificate.getNotAfter().toInstant());
  }

  private void setPublicRoots(Boolean enabled, UUID administratorId, String clientAddress) {
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE trust_settings SET public_roots = ?, updated_at = ? WHERE id = 1")) {
            s.setBoolean(1, enabled);
            s.setObject(2, SqlTimes.utc(clock.instant()));
            s.executeUpdate();
          }
          audit.record(
              c,
              new CaEvent(
                  administratorId,
                  TRUST_CHANGE,
                  "public roots",
                  clientAddress,
                  CaEvent.Outcome.SUCCESS,
                  enabled
                      ? "the JDK's public roots are trusted"
                      : "the JDK's public roots are not" + " trusted"));
          return null;
        });
  }

  private static RootRefusedException duplicate(ThirdPartyRoot root) {
    return new RootRefusedException(
        RootRefusedException.Problem.DUPLICATE,
        "the trust store already holds the certificate of " + root.name());
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a trusted certificate does not encode", e);
    }
  }
}
