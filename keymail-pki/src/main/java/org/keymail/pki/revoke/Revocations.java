package org.keymail.pki.revoke;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.audit.CaEvent.Outcome;
import org.keymail.pki.authority.SerialNumbers;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;
import org.keymail.smime.KeyUseException;

/**
 * Revokes certificates the issuing CA issued. One transaction holds the revocation, its {@code
 * CERT_REVOKE} audit event and a newly signed CRL that lists it: if the CRL cannot be signed,
 * nothing is revoked, so the CRL never lags behind the table. Refusals are recorded as DENIED
 * events.
 */
public final class Revocations {

  /** The audit operation of a revocation. */
  public static final String CERT_REVOKE = "CERT_REVOKE";

  private final PkiDatabase database;
  private final Crls crls;
  private final CaAuditTrail audit;
  private final Clock clock;

  public Revocations(PkiDatabase database, Crls crls, CaAuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.crls = Objects.requireNonNull(crls, "crls");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Revokes the certificate with {@code serialNumber} for {@code reason}.
   *
   * @throws UnknownCertificateException when this CA issued no such certificate
   * @throws AlreadyRevokedException when it is revoked already
   * @throws NotYourCertificateException when a user names someone else's certificate
   * @throws KeyUseException when the issuing CA's key cannot sign the new CRL (nothing changes)
   */
  public Revocation revoke(
      BigInteger serialNumber, RevocationReason reason, Actor actor, String clientAddress)
      throws RevocationRefusedException, KeyUseException {
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(actor, "actor");
    String serial = SerialNumbers.hex(serialNumber);
    try {
      return database.inSigningTransaction(
          c -> revokeIn(c, serial, serialNumber, reason, actor, clientAddress));
    } catch (RevocationRefusedException refused) {
      database.inTransaction(
          c -> {
            audit.record(
                c,
                new CaEvent(
                    actor.userId(),
                    CERT_REVOKE,
                    "serial " + serial,
                    clientAddress,
                    Outcome.DENIED,
                    refused.getMessage()));
            return null;
          });
      throw refused;
    }
  }

  private Revocation revokeIn(
      Connection c,
      String serial,
      BigInteger serialNumber,
      RevocationReason reason,
      Actor actor,
      String clientAddress)
      throws SQLException, KeyUseException, RevocationRefusedException {
    UUID owner;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT user_id FROM issued_certificates WHERE serial_hex = ? FOR UPDATE")) {
      s.setString(1, serial);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownCertificateException(serial);
        }
        owner = rs.getObject(1, UUID.class);
      }
    }
    if (actor.role() != Actor.Role.ADMINISTRATOR && !owner.equals(actor.userId())) {
      throw new NotYourCertificateException(serial);
    }
    try (PreparedStatement s =
        c.prepareStatement("SELECT revoked_at, reason FROM revocations WHERE serial_hex = ?")) {
      s.setString(1, serial);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          throw new AlreadyRevokedException(
              serial, SqlTimes.instant(rs, 1), RevocationReason.valueOf(rs.getString(2)));
        }
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO revocations (serial_hex, revoked_at, reason, revoked_by,"
                + " revoked_by_role) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, serial);
      s.setObject(2, SqlTimes.utc(now));
      s.setString(3, reason.name());
      s.setObject(4, actor.userId());
      s.setString(5, actor.role().name());
      s.executeUpdate();
    }
    audit.record(
        c,
        new CaEvent(
            actor.userId(),
            CERT_REVOKE,
            "serial " + serial,
            clientAddress,
            Outcome.SUCCESS,
            reason.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (actor.role() == Actor.Role.ADMINISTRATOR
                    ? ", by an administrator"
                    : ", by its owner")));
    Crl crl = crls.sign(c);
    return new Revocation(serialNumber, now, reason, crl);
  }
}
