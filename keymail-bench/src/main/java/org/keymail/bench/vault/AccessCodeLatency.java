package org.keymail.bench.vault;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import org.keymail.testing.Percentiles;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.Argon2idParameters;

/**
 * The latency of one access-code check ({@link AccessCodeHasher#matches}) with the production
 * Argon2id cost ({@link Argon2idParameters#PRODUCTION}: 64 MiB, 3 passes, 1 lane), one at a time:
 * the time a user waits between typing the code and the vault's answer, before any database work.
 *
 * <pre>java -cp keymail-bench.jar:lib/* org.keymail.bench.vault.AccessCodeLatency [CHECKS]</pre>
 *
 * <p>Three untimed checks warm the JIT, then CHECKS (default 20) are timed; prints median and p95.
 */
public final class AccessCodeLatency {

  private AccessCodeLatency() {}

  public static void main(String[] args) {
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Argon2idParameters cost = Argon2idParameters.PRODUCTION;
    AccessCodeHasher hasher = new AccessCodeHasher(cost, new SecureRandom());
    String stored = hasher.hash("Bench-access-code-42".toCharArray());
    for (int i = 0; i < 3; i++) {
      check(hasher, stored);
    }
    double[] millis = new double[checks];
    for (int i = 0; i < checks; i++) {
      long start = System.nanoTime();
      check(hasher, stored);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "RESULT argon2id m=%d KiB t=%d p=%d checks=%d median_ms=%.1f p95_ms=%.1f min_ms=%.1f max_ms=%.1f%n",
        cost.memoryKiB(),
        cost.iterations(),
        cost.parallelism(),
        checks,
        Percentiles.nearestRank(millis, 50),
        Percentiles.nearestRank(millis, 95),
        millis[0],
        millis[checks - 1]);
  }

  private static void check(AccessCodeHasher hasher, String stored) {
    if (!hasher.matches("Bench-access-code-42".toCharArray(), stored)) {
      throw new IllegalStateException("the access code did not match its own hash");
    }
  }
}
