package org.keymail.vault.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.keymail.vault.store.VaultDatabase;

/**
 * Group commit for the audit log: callers on many threads hand over one event each and wait; one
 * writer thread takes everything queued and stores it in one transaction (one lock of the chain
 * head, one JDBC batch, one commit), then wakes each caller with the fate of its own event. So
 * "the result is returned only once its event is stored" still holds, while the database sees
 * one commit per batch instead of one per key operation.
 *
 * <p>An event may carry a guard key (for key operations: the unlock session it was done under).
 * The batch transaction asks the {@link BatchGuard} which keys no longer hold; for those it stores
 * the caller's refusal event instead and answers {@link Outcome#REFUSED}.
 *
 * <p>Lifecycle: one per vault per process; {@link #close()} stores everything queued, then stops
 * the writer. A batch that fails is retried event by event, so one bad event fails only its caller.
 *
 * @param <K> what a guard key is (for key operations, a session id)
 */
public final class AuditBatcher<K> implements AutoCloseable {

  /** Checked inside the transaction that stores a batch, before any event of it is stored. */
  @FunctionalInterface
  public interface BatchGuard<K> {

    /** Of {@code keys}, those whose events must be replaced by their refusal. */
    Set<K> refused(Connection transaction, Set<K> keys) throws SQLException;
  }

  /** What became of one caller's event. */
  public enum Outcome {
    /** The event is stored as given. */
    STORED,
    /** Its guard key no longer held: the refusal event is stored instead. */
    REFUSED
  }

  private static final int MAX_BATCH = 2048;

  private final VaultDatabase database;
  private final AuditTrail trail;
  private final BatchGuard<K> guard;
  private final BlockingQueue<Pending<K>> queue = new LinkedBlockingQueue<>();
  private final Object admission = new Object();
  private final Thread writer;
  private boolean closed;

  public AuditBatcher(VaultDatabase database, AuditTrail trail, BatchGuard<K> guard) {
    this.database = Objects.requireNonNull(database, "database");
    this.trail = Objects.requireNonNull(trail, "trail");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.writer = Thread.ofPlatform().name("keymail-audit-writer").daemon().unstarted(this::writeUntilClosed);
    writer.start();
  }

  /** Stores {@code event} (no guard) and returns once it is committed. */
  public void append(AuditEvent event) throws SQLException {
    submit(new Pending<>(Objects.requireNonNull(event, "event"), null, null));
  }

  /**
   * Stores {@code event} if {@code key} still holds at commit, else {@code ifRefused}; returns once
   * one of them is committed.
   */
  public Outcome append(AuditEvent event, K key, AuditEvent ifRefused) throws SQLException {
    return submit(
        new Pending<>(
            Objects.requireNonNull(event, "event"),
            Objects.requireNonNull(key, "key"),
            Objects.requireNonNull(ifRefused, "ifRefused")));
  }

  private Outcome submit(Pending<K> pending) throws SQLException {
    synchronized (admission) {
      if (closed) {
        throw new SQLException("the vault is shutting down; its audit log takes no more events");
      }
      queue.add(pending);
    }
    try {
      return pending.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw new SQLException(sql.getMessage(), sql.getSQLState(), sql);
      }
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw e;
    }
  }

  private void writeUntilClosed() {
    List<Pending<K>> batch = new ArrayList<>();
    boolean stopping = false;
    try {
      while (!stopping) {
        batch.add(takeUninterruptibly());
        queue.drainTo(batch, MAX_BATCH - 1);
        // Nothing is queued after the end mark, so it is the last of its batch.
        stopping = batch.removeIf(Pending::isEndMark);
        if (!batch.isEmpty()) {
          write(batch);
        }
        batch.clear();
      }
    } finally {
      // Only an Error ends the loop early: no caller may wait for ever.
      IllegalStateException stopped = new IllegalStateException("the vault's audit writer stopped");
      batch.forEach(p -> p.done().completeExceptionally(stopped));
      synchronized (admission) {
        closed = true;
      }
      queue.forEach(p -> p.done().completeExceptionally(stopped));
    }
  }

  private Pending<K> takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Only close() stops the writer, by its end mark, so queued events are never dropped.
      }
    }
  }

  private void write(List<Pending<K>> batch) {
    try {
      List<Outcome> outcomes = database.inTransaction(c -> store(c, batch));
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(outcomes.get(i));
      }
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).done().completeExceptionally(e);
        return;
      }
      for (Pending<K> pending : batch) {
        write(List.of(pending));
      }
    }
  }

  private List<Outcome> store(Connection c, List<Pending<K>> batch) throws SQLException {
    Set<K> keys = new HashSet<>();
    for (Pending<K> pending : batch) {
      if (pending.key() != null) {
        keys.add(pending.key());
      }
    }
    // The guard runs before the chain head is locked: other writers lock their rows first too.
    Set<K> refused = keys.isEmpty() ? Set.of() : guard.refused(c, keys);
    List<AuditEvent> events = new ArrayList<>(batch.size());
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (Pending<K> pending : batch) {
      boolean refuse = pending.key() != null && refused.contains(pending.key());
      events.add(refuse ? pending.ifRefused() : pending.event());
      outcomes.add(refuse ? Outcome.REFUSED : Outcome.STORED);
    }
    trail.recordAll(c, events);
    return outcomes;
  }

  /** Stores every event queued so far, then stops the writer. */
  @Override
  public void close() {
    synchronized (admission) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(new Pending<>(null, null, null));
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One caller's event and where its fate goes; an event of {@code null} marks the end. */
  private record Pending<K>(AuditEvent event, K key, AuditEvent ifRefused, CompletableFuture<Outcome> done) {
    Pending(AuditEvent event, K key, AuditEvent ifRefused) {
      this(event, key, ifRefused, new CompletableFuture<>());
    }

    boolean isEndMark() {
      return event == null;
    }
  }
}
