package org.keymail.pki.revoke;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.authority.CaSigner;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;
import org.keymail.smime.KeyUseException;

/**
 * The issuing CA's full CRL (RFC 5280 §5: v2, AKI, crlNumber, nextUpdate = thisUpdate + {@code
 * CaSettings.crlValidity()}, entries with reasonCode unless unspecified), kept in the {@code crls}
 * table so every node serves the same one.
 *
 * <p>A new CRL is signed in the same transaction as every revocation ({@link Revocations}), so a
 * committed revocation is always on the newest CRL, and by {@link #current()} when the newest is
 * older than {@code CaSettings.crlRefresh()} (the server calls it on a schedule and when serving
 * {@code /pki/crl}). Signing takes a row lock on the issuing CA's row, so CRL numbers grow by one
 * with every CRL even when several nodes sign at once; the primary key on the number backs that.
 *
 * <p>The root's CRL ({@link RootCrls}) is made the same way by an instance for the root: signed
 * with the root's key into the {@code root_crls} table, under a lock on the root's row, listing the
 * CA certificates the root revoked.
 */
public final class Crls {

  /** Which CA signs, into which table, listing what. */
  enum Issuer {
    ISSUING(
        "crls",
        "ISSUING",
        "SELECT r.serial_hex, r.revoked_at, r.reason FROM revocations r"
            + " JOIN issued_certificates i ON i.serial_hex = r.serial_hex"
            + " WHERE i.not_after > ? ORDER BY r.revoked_at, r.serial_hex"),
    ROOT(
        "root_crls",
        "ROOT",
        "SELECT serial_hex, revoked_at, revocation_reason FROM ca_certificates"
            + " WHERE role <> 'ROOT' AND revoked_at IS NOT NULL AND not_after > ?"
            + " ORDER BY revoked_at, serial_hex");

    private final String table;
    private final String role;
    private final String entries;

    Issuer(String table, String role, String entries) {
      this.table = table;
      this.role = role;
      this.entries = entries;
    }

    X509Certificate certificate(CertificateAuthority authority) {
      return this == ROOT ? authority.root() : authority.issuing();
    }

    CaKey key(CertificateAuthority authority) throws KeyUseException {
      return this == ROOT ? authority.rootKey() : authority.issuingKey();
    }
  }

  private final PkiDatabase database;
  private final CertificateAuthority authority;
  private final Clock clock;
  private final Issuer issuer;

  /** The issuing CA's CRLs, served at {@code /pki/crl}. */
  public Crls(PkiDatabase database, CertificateAuthority authority, Clock clock) {
    this(database, authority, clock, Issuer.ISSUING);
  }

  Crls(PkiDatabase database, CertificateAuthority authority, Clock clock, Issuer issuer) {
    this.database = Objects.requireNonNull(database, "database");
    this.authority = Objects.requireNonNull(authority, "authority");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /**
   * The CRL to serve: the newest one, or a new one when there is none yet or the newest is older
   * than the refresh period.
   */
  public Crl current() throws KeyUseException {
    Optional<Crl> newest = database.read(this::newest);
    if (newest.isPresent() && fresh(newest.get())) {
      return newest.get();
    }
    return database.inTransaction(
        c -> {
          lock(c);
          Optional<Crl> again = newest(c); // another node may have signed one meanwhile
          return again.isPresent() && fresh(again.get()) ? again.get() : signLocked(c);
        });
  }

  /** Signs a new CRL now, whatever the age of the newest one. */
  public Crl regenerate() throws KeyUseException {
    return database.inTransaction(this::sign);
  }

  /** Signs and stores a new CRL within {@code transaction}, taking the CRL lock. */
  Crl sign(Connection transaction) throws SQLException, KeyUseException {
    lock(transaction);
    return signLocked(transaction);
  }

  private boolean fresh(Crl crl) {
    Instant now = clock.instant();
    return crl.thisUpdate().plus(authority.settings().crlRefresh()).isAfter(now)
        && crl.nextUpdate().isAfter(now);
  }

  private Crl signLocked(Connection c) throws SQLException, KeyUseException {
    long number;
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(crl_number) FROM " + issuer.table);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      number = rs.getLong(1) + 1; // 0 when there is none yet, so the first CRL is number 1
    }
    Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant nextUpdate = thisUpdate.plus(authority.settings().crlValidity());
    X509Certificate signer = issuer.certificate(authority);
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            X500Name.getInstance(signer.getSubjectX500Principal().getEncoded()),
            Date.from(thisUpdate));
    builder.setNextUpdate(Date.from(nextUpdate));
    try (PreparedStatement s = c.prepareStatement(issuer.entries)) {
      // Expired certificates leave the CRL (RFC 5280 §3.3): nobody accepts them anyway.
      s.setObject(1, SqlTimes.utc(thisUpdate));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          builder.addCRLEntry(
              new BigInteger(rs.getString(1), 16),
              Date.from(SqlTimes.instant(rs, 2)),
              RevocationReason.valueOf(rs.getString(3)).code());
        }
      }
    }
    try {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(keyIdentifier(signer)));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
    } catch (IOException e) {
      throw new IllegalStateException("a CRL extension does not encode", e);
    }
    X509CRLHolder holder = CaSigner.of(issuer.key(authority)).sign(builder::build);
    byte[] der;
    try {
      der = holder.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("a CRL the CA just signed does not encode", e);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + issuer.table
                + " (crl_number, der, this_update, next_update) VALUES (?, ?, ?, ?)")) {
      s.setLong(1, number);
      s.setBytes(2, der);
      s.setObject(3, SqlTimes.utc(thisUpdate));
      s.setObject(4, SqlTimes.utc(nextUpdate));
      s.executeUpdate();
    }
    return new Crl(BigInteger.valueOf(number), der, thisUpdate, nextUpdate);
  }

  private Optional<Crl> newest(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT crl_number, der, this_update, next_update FROM "
                    + issuer.table
                    + " ORDER BY crl_number DESC FETCH FIRST 1 ROWS ONLY");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Crl(
              BigInteger.valueOf(rs.getLong(1)),
              rs.getBytes(2),
              SqlTimes.instant(rs, 3),
              SqlTimes.instant(rs, 4)));
    }
  }

  /** Serialises CRL signing across nodes: one row lock on the signing CA's certificate. */
  private void lock(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT role FROM ca_certificates WHERE role = ? FOR UPDATE")) {
      s.setString(1, issuer.role);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(
              "the "
                  + issuer.role.toLowerCase(java.util.Locale.ROOT)
                  + " CA is not in the database; start the CA first");
        }
      }
    }
  }

  private static byte[] keyIdentifier(X509Certificate signer) {
    byte[] extension = signer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
        .getKeyIdentifier();
  }
}
