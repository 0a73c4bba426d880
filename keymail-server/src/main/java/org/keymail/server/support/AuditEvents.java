package org.keymail.server.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person's newest {@value #MOST} audit events as a JSON array, newest first: what they did,
 * from where, and how it ended. Audit events never hold a secret (see {@code AuditEvent}).
 */
@Component
class AuditEvents {

  static final int MOST = 500;

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final AuditLog log;

  AuditEvents(AuditLog log) {
    this.log = log;
  }

  /** One event as support reads it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(
      long seq,
      Instant at,
      Instant firstAt,
      int occurrences,
      UUID userId,
      UUID passKeyId,
      String operation,
      String object,
      String clientAddress,
      String result,
      String detail) {
    static Event of(AuditEntry e) {
      return new Event(
          e.seq(),
          e.at(),
          e.occurrences() == 1 ? null : e.firstAt(),
          e.occurrences(),
          e.event().userId(),
          e.event().passkeyId(),
          e.event().operation(),
          e.event().object(),
          e.event().clientAddress(),
          e.event().result().name(),
          e.event().detail());
    }
  }

  byte[] of(UUID user) {
    List<Event> events =
        log.events(AuditFilter.newest().forUser(user).limitedTo(MOST)).stream()
            .map(Event::of)
            .toList();
    return JSON.writeValueAsBytes(events);
  }
}
