package org.keymail.bench.webmail;

import java.util.Arrays;

/** The time each of one operation's calls took, kept whole so percentiles are exact. */
final class Latencies {

  private long[] nanos = new long[1024];
  private int count;
  private int failures;

  synchronized void add(long took) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = took;
  }

  synchronized void failed() {
    failures++;
  }

  synchronized int count() {
    return count;
  }

  synchronized int failures() {
    return failures;
  }

  /** The {@code p}th percentile (0 to 100) in milliseconds, nearest rank. */
  synchronized double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }
}
