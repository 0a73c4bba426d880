package org.keymail.bench.vault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A timed harness with a fixed thread pool: one thread per task (one task per unlock session),
 * every thread running its task in a loop through a warm-up and then a measured window. Operations
 * are counted only when they complete inside the window, so a thread that was mid-operation when
 * the window opened does not inflate the rate. The first failure of any task fails the run.
 *
 * <p>Work that tasks leave to a background thread (the vault ships its key-use journal to the audit
 * log) is not free: {@link #measure(List, Duration, Duration, Task)} runs a settle step when the
 * window closes, which waits for that work, and counts its time into the window.
 */
final class Throughput {

  /** One repeatable unit of work, run by a single thread. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }

  private Throughput() {}

  /** Operations per second of {@code tasks} run concurrently, one thread each. */
  static double measure(List<Task> tasks, Duration warmUp, Duration window)
      throws InterruptedException {
    return measure(tasks, warmUp, window, () -> {});
  }

  /**
   * As {@link #measure(List, Duration, Duration)}, then runs {@code settle} (which finishes what
   * the tasks left to background threads) and counts its time as part of the window.
   */
  static double measure(List<Task> tasks, Duration warmUp, Duration window, Task settle)
      throws InterruptedException {
    AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
    AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
    AtomicLong counted = new AtomicLong();
    CountDownLatch started = new CountDownLatch(tasks.size());
    // Threads wait for one another before working: 256 busy threads would otherwise starve the
    // thread that is still starting the rest.
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    List<Future<?>> running = new ArrayList<>();
    try {
      for (Task task : tasks) {
        running.add(
            pool.submit(
                () -> {
                  started.countDown();
                  go.await();
                  long mine = 0;
                  while (true) {
                    task.run();
                    long done = System.nanoTime();
                    if (done >= windowEnd.get()) {
                      break;
                    }
                    if (done >= windowStart.get()) {
                      mine++;
                    }
                  }
                  counted.addAndGet(mine);
                  return null;
                }));
      }
      started.await();
      long begin = System.nanoTime() + warmUp.toNanos();
      windowStart.set(begin);
      windowEnd.set(begin + window.toNanos());
      go.countDown();
      for (Future<?> future : running) {
        // Waits for the window to close; a task's failure surfaces here.
        future.get(warmUp.plus(window).toSeconds() + 120, TimeUnit.SECONDS);
      }
      long settleStart = System.nanoTime();
      settle.run();
      long settled = Math.max(0, System.nanoTime() - Math.max(settleStart, windowEnd.get()));
      return counted.get() / ((window.toNanos() + settled) / 1e9);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("a benchmark thread failed: " + e.getCause(), e);
    } catch (Exception e) {
      // The settle step may throw anything (a Task declares Exception): no measure then.
      throw new IllegalStateException("settling the benchmark failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
