package org.keymail.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.user.TestVault;

class AuditLogTest {

  private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void untouchedChainVerifies(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      writeTen(vault);

      assertThat(vault.audit.verify()).isEmpty();
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void tamperedAuditRowIsReported(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      writeTen(vault);

      sql(vault, "UPDATE audit_events SET client_address = '203.0.113.66' WHERE seq = 5");

      assertThat(vault.audit.verify())
          .contains(new BrokenLink(5, "event 5 was changed after it was written"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rewrittenRowWithItsOwnNewHashBreaksTheNextLink(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      writeTen(vault);

      // A forger who recomputes row 5's hash still cannot make row 6 point at it.
      sql(vault, "UPDATE audit_events SET hash = prev_hash WHERE seq = 5");

      assertThat(vault.audit.verify()).map(BrokenLink::seq).contains(5L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void resultRewrittenToAnyTextIsReported(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      writeTen(vault);

      sql(vault, "UPDATE audit_events SET result = 'OK' WHERE seq = 7");

      assertThat(vault.audit.verify())
          .contains(new BrokenLink(7, "event 7 was changed after it was written"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void deletedAuditRowIsReported(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      writeTen(vault);

      sql(vault, "DELETE FROM audit_events WHERE seq = 5");

      assertThat(vault.audit.verify())
          .contains(new BrokenLink(5, "event 5 is missing: the log jumps to 6"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void concurrentAppendsKeepOneChain(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        TestVault other = vault.secondNode()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          AuditLog log = t % 2 == 0 ? vault.audit : other.audit;
          int writer = t;
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      log.record(
                          AuditEvent.of(
                              ANN,
                              "SIGN",
                              "writer " + writer + " event " + i,
                              AuditResult.SUCCESS));
                    }
                    return null;
                  }));
        }
        for (Future<?> w : writers) {
          w.get();
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(200);
      assertThat(vault.count("SELECT MAX(seq) FROM audit_events")).isEqualTo(200);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorListsOneUsersEventsNewestFirst(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      writeTen(vault);
      vault.audit.record(
          new AuditEvent(
              UUID.randomUUID(),
              null,
              "DECRYPT",
              "message",
              "192.0.2.1",
              AuditResult.DENIED,
              null));

      List<AuditEntry> entries =
          vault.audit.events(AuditFilter.newest().forUser(ANN).forOperation("SIGN").limitedTo(3));

      assertThat(entries).extracting(AuditEntry::seq).containsExactly(10L, 9L, 8L);
      assertThat(entries.get(0).event())
          .isEqualTo(
              new AuditEvent(
                  ANN, null, "SIGN", "message 9", "192.0.2.1", AuditResult.SUCCESS, "detail 9"));
      assertThat(entries.get(0).at()).isEqualTo(vault.clock.instant());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void textsTooLongOrWithNulCharactersAreStoredCutAndCleanAndStillVerify(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      String detail = "a failure message with a NUL \0 in it, " + "x".repeat(5000);
      String object = "key " + "\uD83D\uDD11".repeat(300); // 600 chars of surrogate pairs

      vault.audit.record(
          new AuditEvent(ANN, null, "SIGN", object, "192.0.2.1", AuditResult.FAILURE, detail));

      AuditEvent stored = vault.audit.events(AuditFilter.newest()).get(0).event();
      assertThat(stored.detail())
          .hasSize(1000)
          .startsWith("a failure message with a NUL \uFFFD in it, xxx")
          .endsWith("x\u2026");
      assertThat(stored.object()).hasSizeLessThanOrEqualTo(400).endsWith("\uD83D\uDD11\u2026");
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void filtersCombineAndPagesFollowEachOtherNewestFirst(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member ann = vault.member("ann@example.org", "Secret-123");
      UUID annId = ann.user().userId();
      UUID bob = UUID.randomUUID();
      java.time.Instant start = vault.clock.instant();
      // Twelve events a minute apart: ann's and bob's, some about ann, some refused.
      for (int i = 0; i < 12; i++) {
        vault.clock.advance(java.time.Duration.ofMinutes(1));
        boolean annActs = i % 2 == 0;
        vault.audit.record(
            new AuditEvent(
                annActs ? annId : bob,
                annActs ? ann.user().passkeyId() : null,
                i % 3 == 0 ? "SIGN" : "USER_DISABLE",
                !annActs && i % 3 == 1 ? "ann@example.org" : "object " + i,
                "192.0.2." + i,
                i % 4 == 3 ? AuditResult.DENIED : AuditResult.SUCCESS,
                "event " + i));
      }
      AuditFilter all = AuditFilter.newest().since(start.plusSeconds(1));

      assertThat(details(vault.audit.page(all.forUser(annId))))
          .containsExactly("event 10", "event 8", "event 6", "event 4", "event 2", "event 0");
      // By ann, or about her (bob's events 1 and 7 name her as their object).
      assertThat(details(vault.audit.page(all.involving(annId, "ann@example.org"))))
          .containsExactly(
              "event 10",
              "event 8",
              "event 7",
              "event 6",
              "event 4",
              "event 2",
              "event 1",
              "event 0");
      assertThat(
              details(
                  vault.audit.page(
                      all.involving(annId, "ann@example.org")
                          .forOperation("USER_DISABLE")
                          .withResult(AuditResult.DENIED))))
          .containsExactly("event 7");
      assertThat(
              details(
                  vault.audit.page(
                      all.since(start.plus(java.time.Duration.ofMinutes(3)))
                          .until(start.plus(java.time.Duration.ofMinutes(6)))
                          .forOperation("SIGN"))))
          .as("since is inclusive, until exclusive")
          .containsExactly("event 3");

      AuditPage first = vault.audit.page(all.limitedTo(5));
      assertThat(details(first))
          .containsExactly("event 11", "event 10", "event 9", "event 8", "event 7");
      assertThat(first.records().get(1).userEmail()).contains("ann@example.org");
      assertThat(first.records().get(1).passKeyName()).contains("laptop");
      assertThat(first.records().get(0).userEmail()).isEmpty();
      AuditPage second =
          vault.audit.page(all.limitedTo(5).olderThan(first.nextOlderThan().getAsLong()));
      assertThat(details(second))
          .containsExactly("event 6", "event 5", "event 4", "event 3", "event 2");
      AuditPage last =
          vault.audit.page(all.limitedTo(5).olderThan(second.nextOlderThan().getAsLong()));
      assertThat(details(last)).containsExactly("event 1", "event 0");
      assertThat(last.nextOlderThan()).isEmpty();
      assertThat(vault.audit.page(all.limitedTo(12)).nextOlderThan()).isEmpty();
    }
  }

  private static List<String> details(AuditPage page) {
    return page.records().stream().map(r -> r.entry().event().detail()).toList();
  }

  private static void writeTen(TestVault vault) throws Exception {
    for (int i = 0; i < 10; i++) {
      vault.audit.record(
          new AuditEvent(
              ANN, null, "SIGN", "message " + i, "192.0.2.1", AuditResult.SUCCESS, "detail " + i));
    }
  }

  private static void sql(TestVault vault, String statement) throws Exception {
    vault.database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(statement)) {
            return s.executeUpdate();
          }
        });
  }
}
