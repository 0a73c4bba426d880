package org.keymail.testing;

/** Percentiles of measured times, by nearest rank, so that each is a time that was measured. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The {@code p}th percentile (0 to 100) of {@code sorted}, which is in ascending order; not a
   * number when there are no values.
   */
  public static double nearestRank(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
