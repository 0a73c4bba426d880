package org.keymail.vault.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Which audit events an administrator wants to read, newest first, at most {@code limit}: every
 * condition given must hold.
 *
 * @param userId events this user did (the event's user)
 * @param userAddress with {@code userId}: also events about that user (whose object is their
 *     address: their invitation, being disabled or enabled, a lockout cleared)
 * @param operation events of this operation ({@code LOCKOUT}, {@code USER_DISABLE}, …)
 * @param result events that ended this way
 * @param since events at or after this time
 * @param until events before this time
 * @param olderThan events written before the event of this number (the next page of a listing)
 * @param limit how many events at most
 */
public record AuditFilter(
    Optional<UUID> userId,
    Optional<String> userAddress,
    Optional<String> operation,
    Optional<AuditResult> result,
    Optional<Instant> since,
    Optional<Instant> until,
    OptionalLong olderThan,
    int limit) {

  public AuditFilter {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(userAddress, "userAddress");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(olderThan, "olderThan");
    if (limit < 1) {
      throw new IllegalArgumentException("an audit listing shows at least one event");
    }
    if (userAddress.isPresent() && userId.isEmpty()) {
      throw new IllegalArgumentException("events about a user are asked for with the user's id");
    }
  }

  /** The newest 1000 events of everyone. */
  public static AuditFilter newest() {
    return new AuditFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        1000);
  }

  /** Only events this user did. */
  public AuditFilter forUser(UUID user) {
    return new AuditFilter(
        Optional.of(user), Optional.empty(), operation, result, since, until, olderThan, limit);
  }

  /** Only events this user did, or that are about them (their address is the event's object). */
  public AuditFilter involving(UUID user, String address) {
    return new AuditFilter(
        Optional.of(user), Optional.of(address), operation, result, since, until, olderThan, limit);
  }

  public AuditFilter forOperation(String name) {
    return new AuditFilter(
        userId, userAddress, Optional.of(name), result, since, until, olderThan, limit);
  }

  public AuditFilter withResult(AuditResult ended) {
    return new AuditFilter(
        userId, userAddress, operation, Optional.of(ended), since, until, olderThan, limit);
  }

  /** Only events at or after {@code time}. */
  public AuditFilter since(Instant time) {
    return new AuditFilter(
        userId, userAddress, operation, result, Optional.of(time), until, olderThan, limit);
  }

  /** Only events before {@code time}. */
  public AuditFilter until(Instant time) {
    return new AuditFilter(
        userId, userAddress, operation, result, since, Optional.of(time), olderThan, limit);
  }

  /** Only events written before event number {@code seq}: the page after the one ending there. */
  public AuditFilter olderThan(long seq) {
    return new AuditFilter(
        userId, userAddress, operation, result, since, until, OptionalLong.of(seq), limit);
  }

  public AuditFilter limitedTo(int count) {
    return new AuditFilter(userId, userAddress, operation, result, since, until, olderThan, count);
  }

  /**
   * The SQL condition on {@code audit_events} (as {@code e}) that selects these events, its
   * parameters added to {@code parameters} in order.
   */
  String where(List<Object> parameters) {
    StringBuilder sql = new StringBuilder("1 = 1");
    if (userAddress.isPresent()) {
      sql.append(" AND (e.user_id = ? OR e.object = ?)");
      parameters.add(userId.get());
      parameters.add(userAddress.get());
    } else if (userId.isPresent()) {
      sql.append(" AND e.user_id = ?");
      parameters.add(userId.get());
    }
    operation.ifPresent(
        o -> {
          sql.append(" AND e.operation = ?");
          parameters.add(o);
        });
    result.ifPresent(
        r -> {
          sql.append(" AND e.result = ?");
          parameters.add(r.name());
        });
    since.ifPresent(
        t -> {
          sql.append(" AND e.at >= ?");
          parameters.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
    until.ifPresent(
        t -> {
          sql.append(" AND e.at < ?");
          parameters.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
    if (olderThan.isPresent()) {
      sql.append(" AND e.seq < ?");
      parameters.add(olderThan.getAsLong());
    }
    return sql.toString();
  }
}
