package org.keymail.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something another thread or process brings about (a server that has started, a line a
 * peer has printed), looking again every 50 ms, up to a time limit. For waiting on a peer, never
 * for time to pass: a test moves its clock instead.
 */
public final class Await {

  private static final Duration POLL = Duration.ofMillis(50);

  private Await() {}

  /**
   * Returns once {@code condition} holds; the condition may itself fail the test (say, when the
   * peer has died).
   *
   * @throws AssertionError when {@code limit} passes first, naming {@code what} was waited for
   */
  public static void until(Duration limit, Supplier<String> what, BooleanSupplier condition) {
    if (!within(limit, condition)) {
      throw new AssertionError("waited " + limit.toSeconds() + " s for " + what.get());
    }
  }

  /**
   * Whether {@code condition} comes to hold within {@code limit}: for a peer that must stay silent,
   * where only the limit ends the wait.
   */
  public static boolean within(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
    }
    return true;
  }
}
