package org.keymail.bench.webmail;

import java.util.Arrays;
import org.keymail.testing.Percentiles;

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
    double[] millis = new double[count];
    for (int i = 0; i < count; i++) {
      millis[i] = nanos[i] / 1e6;
    }
    Arrays.sort(millis);
    return Percentiles.nearestRank(millis, p);
  }
}
