package org.keymail.vault.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.session.SessionPolicy;
import org.keymail.vault.store.VaultDatabase;

/**
 * The policies in table {@code policies}: read with their defaults, set with validation. Every
 * change is one transaction with its {@code POLICY_CHANGE} audit event (who, old and new value), so
 * a change exists exactly when its event does. Reads go to the database each time, so every server
 * node sees a change at once. Safe for use by several threads.
 */
public final class Policies {

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;

  public Policies(VaultDatabase database, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every policy keymail knows, in a fixed order, with its value now. */
  public List<PolicyValue> list() {
    Map<Policy, PolicyValue> values = database.inTransaction(Policies::read);
    return List.copyOf(values.values());
  }

  /** The value of {@code policy} now (its default unless set). */
  public long get(Policy policy) {
    return database.inTransaction(Policies::read).get(policy).value();
  }

  /** Whether on/off policy {@code policy} is on now (its default unless set). */
  public boolean isOn(Policy policy) {
    if (policy.kind() != Policy.Kind.ON_OFF) {
      throw new IllegalArgumentException(policy.key() + " is not an on/off policy");
    }
    return get(policy) != 0;
  }

  /** What {@code mail.sign} or {@code mail.encrypt} ({@code policy}) says now. */
  public MailRule mailRule(Policy policy) {
    if (policy != Policy.MAIL_SIGN && policy != Policy.MAIL_ENCRYPT) {
      throw new IllegalArgumentException(policy.key() + " is not a rule for sending mail");
    }
    return MailRule.values()[(int) get(policy)];
  }

  /** The names set policy {@code policy} holds now, in the order of its choices. */
  public List<String> members(Policy policy) {
    if (policy.kind() != Policy.Kind.SET) {
      throw new IllegalArgumentException(policy.key() + " is not a set policy");
    }
    return policy.members(get(policy));
  }

  /** The unlock session lengths now. */
  public SessionPolicy sessionPolicy() {
    Map<Policy, PolicyValue> values = database.inTransaction(Policies::read);
    return sessionPolicy(values);
  }

  /**
   * Sets the policy named {@code name} to {@code value}, audited as {@code POLICY_CHANGE} by {@code
   * by} in the same transaction.
   *
   * @return the policy as it now stands
   * @throws UnknownPolicyException when keymail has no policy of that name
   * @throws PolicyValueException when the value is not allowed (nothing changes)
   */
  public PolicyValue set(String name, String value, PolicyChanger by) throws VaultException {
    Objects.requireNonNull(by, "by");
    Policy policy =
        Policy.byKey(name == null ? "" : name.strip())
            .orElseThrow(
                () ->
                    new UnknownPolicyException(
                        "keymail has no policy '"
                            + name
                            + "'; the policies are "
                            + Arrays.stream(Policy.values())
                                .map(Policy::key)
                                .collect(Collectors.joining(", "))));
    long parsed = policy.parse(value);
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          lock(c);
          Map<Policy, PolicyValue> before = read(c);
          Map<Policy, PolicyValue> after = new EnumMap<>(before);
          after.put(policy, new PolicyValue(policy, parsed, Optional.of(now)));
          try {
            sessionPolicy(after);
          } catch (IllegalArgumentException e) {
            throw new PolicyValueException(
                "the idle time of a session ("
                    + after.get(Policy.SESSION_IDLE_MINUTES).value()
                    + " minutes) cannot be longer than its absolute length ("
                    + after.get(Policy.SESSION_ABSOLUTE_HOURS).value()
                    + " hours)");
          }
          write(c, policy, parsed, now);
          audit.record(
              c,
              new AuditEvent(
                  by.userId(),
                  by.passkeyId(),
                  "POLICY_CHANGE",
                  policy.key(),
                  by.clientAddress(),
                  AuditResult.SUCCESS,
                  policy.shown(before.get(policy).value()) + " -> " + policy.shown(parsed)));
          return after.get(policy);
        });
  }

  private static SessionPolicy sessionPolicy(Map<Policy, PolicyValue> values) {
    return new SessionPolicy(
        Duration.ofMinutes(values.get(Policy.SESSION_IDLE_MINUTES).value()),
        Duration.ofHours(values.get(Policy.SESSION_ABSOLUTE_HOURS).value()));
  }

  /**
   * Serialises changes once policies are stored: two administrators setting the two session lengths
   * at once could each pass the cross-check against the other's old value.
   */
  private static void lock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT name FROM policies FOR UPDATE");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        // locking every row is the point
      }
    }
  }

  private static Map<Policy, PolicyValue> read(Connection c) throws SQLException {
    Map<Policy, PolicyValue> values = new EnumMap<>(Policy.class);
    for (Policy policy : Policy.values()) {
      values.put(policy, new PolicyValue(policy, policy.defaultValue(), Optional.empty()));
    }
    try (PreparedStatement s =
            c.prepareStatement("SELECT name, policy_value, updated_at FROM policies");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Optional<Policy> policy = Policy.byKey(r.getString(1));
        if (policy.isEmpty()) {
          continue; // written by a newer keymail; this one keeps to what it knows
        }
        try {
          values.put(
              policy.get(),
              new PolicyValue(
                  policy.get(),
                  policy.get().stored(r.getString(2)),
                  Optional.of(r.getTimestamp(3).toInstant())));
        } catch (PolicyValueException e) {
          // A value this version does not accept (set by hand in the database): the default holds.
        }
      }
    }
    return values;
  }

  private static void write(Connection c, Policy policy, long value, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE policies SET policy_value = ?, updated_at = ? WHERE name = ?")) {
      update.setString(1, Long.toString(value));
      update.setTimestamp(2, Timestamp.from(now));
      update.setString(3, policy.key());
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO policies (name, policy_value, updated_at) VALUES (?, ?, ?)")) {
      insert.setString(1, policy.key());
      insert.setString(2, Long.toString(value));
      insert.setTimestamp(3, Timestamp.from(now));
      insert.executeUpdate();
    }
  }
}
