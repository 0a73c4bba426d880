package org.keymail.vault.passkey;

import com.yubico.fido.metadata.AuthenticatorStatus;
import com.yubico.fido.metadata.MetadataBLOB;
import com.yubico.fido.metadata.StatusReport;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.ByteArray;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.policy.PolicyValueException;
import org.keymail.vault.store.VaultDatabase;

/**
 * The policy "accepted authenticators": any FIDO2 authenticator (no model listed, the default), or
 * only the models listed by their AAGUID, which every registration checks against the AAGUID in the
 * authenticator's answer. Changes are audited as {@code POLICY_CHANGE}. Safe for use by several
 * threads.
 */
public final class AcceptedAuthenticators {

  /** The policy's name in the audit log. */
  static final String POLICY = "passkey.accepted-authenticators";

  /** One accepted authenticator model. */
  public record Accepted(UUID aaguid, String name, Instant addedAt) {}

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;

  public AcceptedAuthenticators(VaultDatabase database, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The models accepted, by name; empty: any FIDO2 authenticator is. */
  public List<Accepted> list() {
    return database.inTransaction(AcceptedAuthenticators::list);
  }

  /** Accepts the model {@code aaguid} (as 8-4-4-4-12 hex digits) under {@code name}. */
  public Accepted accept(String aaguid, String name, Administrator by) throws VaultException {
    UUID id = aaguid(aaguid);
    String label = PassKeyNames.check(name);
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          if (list(c).stream().anyMatch(a -> a.aaguid().equals(id))) {
            throw new PolicyValueException("the authenticator " + id + " is accepted already");
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO accepted_authenticators (aaguid, name, added_at) VALUES (?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, label);
            s.setObject(3, Ceremonies.utc(now));
            s.executeUpdate();
          }
          audit.record(
              c,
              by.did(
                  "POLICY_CHANGE",
                  POLICY,
                  AuditResult.SUCCESS,
                  "accepted " + id + " (" + label + ")"));
          return new Accepted(id, label, now);
        });
  }

  /** No longer accepts the model {@code aaguid}; PassKeys registered with it stay. */
  public void remove(String aaguid, Administrator by) throws VaultException {
    UUID id = aaguid(aaguid);
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM accepted_authenticators WHERE aaguid = ?")) {
            s.setObject(1, id);
            if (s.executeUpdate() != 1) {
              throw new PolicyValueException("the authenticator " + id + " is not on the list");
            }
          }
          audit.record(
              c, by.did("POLICY_CHANGE", POLICY, AuditResult.SUCCESS, "no longer accepted " + id));
          return null;
        });
  }

  /**
   * Refuses the authenticator that answered a registration when models are listed and it is not one
   * of them; and, while a FIDO metadata BLOB is uploaded, when its attestation does not chain to a
   * root the BLOB lists for that model or the BLOB reports the model revoked or compromised.
   */
  static void check(Connection c, RegistrationResult result) throws SQLException, VaultException {
    List<Accepted> accepted = list(c);
    if (accepted.isEmpty()) {
      return;
    }
    UUID presented = uuid(result.getAaguid());
    Optional<Accepted> model =
        accepted.stream().filter(a -> a.aaguid().equals(presented)).findAny();
    if (model.isEmpty()) {
      throw new AuthenticatorNotAcceptedException(
          "This authenticator (AAGUID "
              + presented
              + ") is not one your organisation accepts; it accepts "
              + accepted.stream().map(Accepted::name).collect(Collectors.joining(", ")));
    }
    Optional<MetadataBLOB> metadata = FidoMetadata.stored(c);
    if (metadata.isEmpty()) {
      return;
    }
    String named = model.get().name() + " (AAGUID " + presented + ")";
    Optional<AuthenticatorStatus> status = status(metadata.get(), presented);
    if (status.isPresent() && UNTRUSTWORTHY.contains(status.get())) {
      throw new AuthenticatorNotAcceptedException(
          "This authenticator, "
              + named
              + ", is no longer accepted: the FIDO metadata reports it "
              + status.get());
    }
    if (!result.isAttestationTrusted()) {
      throw new AuthenticatorNotAcceptedException(
          "This authenticator did not prove it is a "
              + named
              + ": its attestation does not chain to a root the FIDO metadata lists for that model");
    }
  }

  /** Statuses under which the FIDO metadata says an authenticator model is not to be trusted. */
  private static final Set<AuthenticatorStatus> UNTRUSTWORTHY =
      EnumSet.of(
          AuthenticatorStatus.REVOKED,
          AuthenticatorStatus.USER_VERIFICATION_BYPASS,
          AuthenticatorStatus.ATTESTATION_KEY_COMPROMISE,
          AuthenticatorStatus.USER_KEY_REMOTE_COMPROMISE,
          AuthenticatorStatus.USER_KEY_PHYSICAL_COMPROMISE);

  /** The latest status the metadata reports for the model {@code aaguid}, if it has an entry. */
  private static Optional<AuthenticatorStatus> status(MetadataBLOB metadata, UUID aaguid) {
    return metadata.getPayload().getEntries().stream()
        .filter(
            e ->
                e.getAaguid()
                    .map(a -> a.asGuidString().equalsIgnoreCase(aaguid.toString()))
                    .orElse(false))
        .flatMap(e -> e.getStatusReports().stream())
        .max(Comparator.comparing(r -> r.getEffectiveDate().orElse(LocalDate.MIN)))
        .map(StatusReport::getStatus);
  }

  /** Whether models are listed (and registrations should ask for attestation). */
  static boolean listed(Connection c) throws SQLException {
    return !list(c).isEmpty();
  }

  private static List<Accepted> list(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT aaguid, name, added_at FROM accepted_authenticators ORDER BY name");
        ResultSet r = s.executeQuery()) {
      List<Accepted> all = new ArrayList<>();
      while (r.next()) {
        all.add(
            new Accepted(
                r.getObject(1, UUID.class),
                r.getString(2),
                r.getObject(3, OffsetDateTime.class).toInstant()));
      }
      return all;
    }
  }

  private static UUID aaguid(String text) throws PolicyValueException {
    String typed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!typed.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw new PolicyValueException(
          "an AAGUID is 32 hexadecimal digits in groups of 8-4-4-4-12, not '" + text + "'");
    }
    return UUID.fromString(typed);
  }

  /** The 16 bytes of an AAGUID as the UUID people write it. */
  static UUID uuid(ByteArray aaguid) {
    ByteBuffer bytes = ByteBuffer.wrap(aaguid.getBytes());
    return bytes.remaining() == 16 ? new UUID(bytes.getLong(), bytes.getLong()) : new UUID(0, 0);
  }
}
