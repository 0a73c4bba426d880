package org.keymail.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.user.TestVault;

/**
 * Group commit of audit events: many threads on two nodes sharing one database still form one
 * chain, mixed with events written inside other transactions; a refused guard stores the refusal;
 * a bad event fails only its caller; close stores everything it accepted.
 */
class AuditBatcherTest {

  private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void manyThreadsOnTwoNodesFormOneChain(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        TestVault other = vault.secondNode();
        AuditBatcher<String> here = new AuditBatcher<>(vault.database, vault.audit, (c, k) -> Set.of());
        AuditBatcher<String> there = new AuditBatcher<>(other.database, other.audit, (c, k) -> Set.of())) {
      ExecutorService pool = Executors.newFixedThreadPool(24);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 24; t++) {
          int writer = t;
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 40; i++) {
                      AuditEvent event = AuditEvent.of(ANN, "SIGN", "writer " + writer + " event " + i, AuditResult.SUCCESS);
                      switch (writer % 3) {
                        case 0 -> here.append(event);
                        case 1 -> there.append(event);
                        default -> (writer % 2 == 0 ? vault.audit : other.audit).record(event);
                      }
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

      assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(960);
      assertThat(vault.count("SELECT MAX(seq) FROM audit_events")).isEqualTo(960);
      assertThat(vault.count("SELECT last_seq FROM audit_chain_head")).isEqualTo(960);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void refusedGuardStoresTheRefusalInstead(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        AuditBatcher<String> batcher =
            new AuditBatcher<>(vault.database, vault.audit, (c, keys) -> keys.contains("ended") ? Set.of("ended") : Set.of())) {
      AuditEvent done = AuditEvent.of(ANN, "SIGN", "key 1", AuditResult.SUCCESS);
      AuditEvent denied = AuditEvent.of(ANN, "SIGN", "key 1", AuditResult.DENIED);

      assertThat(batcher.append(done, "open", denied)).isEqualTo(AuditBatcher.Outcome.STORED);
      assertThat(batcher.append(done, "ended", denied)).isEqualTo(AuditBatcher.Outcome.REFUSED);

      assertThat(vault.audit.events(AuditFilter.newest()))
          .extracting(e -> e.event().result())
          .containsExactly(AuditResult.DENIED, AuditResult.SUCCESS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void badEventFailsOnlyItsCaller(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        AuditBatcher<String> batcher = new AuditBatcher<>(vault.database, vault.audit, (c, k) -> Set.of())) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicInteger failed = new AtomicInteger();
      try {
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int caller = t;
          callers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 20; i++) {
                      // The object column holds 400 characters: caller 3's tenth event is too long.
                      String object = caller == 3 && i == 9 ? "x".repeat(401) : "event " + i;
                      try {
                        batcher.append(AuditEvent.of(ANN, "SIGN", object, AuditResult.SUCCESS));
                      } catch (SQLException e) {
                        failed.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> c : callers) {
          c.get();
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(failed).hasValue(1);
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(159);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void closeStoresEveryEventItAcceptedAndRefusesLaterOnes(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      AuditBatcher<String> batcher = new AuditBatcher<>(vault.database, vault.audit, (c, k) -> Set.of());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicInteger stored = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      Set<String> refusals = java.util.concurrent.ConcurrentHashMap.newKeySet();
      try {
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          callers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 200; i++) {
                      try {
                        batcher.append(AuditEvent.of(ANN, "SIGN", "event " + i, AuditResult.SUCCESS));
                        stored.incrementAndGet();
                      } catch (SQLException e) {
                        refusals.add(e.getMessage());
                        refused.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        while (stored.get() < 50) {
          Thread.onSpinWait();
        }
        batcher.close();
        for (Future<?> c : callers) {
          c.get();
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(stored.get() + refused.get()).isEqualTo(1600);
      assertThat(refusals).isSubsetOf("the vault is shutting down; its audit log takes no more events");
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(stored.get());
      assertThatThrownBy(() -> batcher.append(AuditEvent.of(ANN, "SIGN", "late", AuditResult.SUCCESS)))
          .isInstanceOf(SQLException.class);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }
}
