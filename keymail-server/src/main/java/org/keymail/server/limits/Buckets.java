package org.keymail.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;

/**
 * Token buckets by key (a client address, an account): {@code perMinute} calls a minute, refilled
 * gradually, at most {@code perMinute} at once. The buckets live in a bounded cache, so a flood of
 * new keys costs a fixed amount of memory (an evicted key starts again with a full bucket, which
 * only a flood of other keys can cause).
 */
final class Buckets {

  private static final long MAX_KEYS = 100_000;

  private final String what;
  private final int perMinute;
  private final Cache<String, Bucket> buckets;

  Buckets(String what, int perMinute) {
    this.what = what;
    this.perMinute = perMinute;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
  }

  /**
   * Takes one call of {@code key}.
   *
   * @throws TooManyRequestsException when its bucket is empty, with the time until the next token
   */
  void take(String key) {
    Bucket bucket = buckets.get(key, k -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new TooManyRequestsException(what, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  /**
   * Checks that {@code key} has a call left, without taking it.
   *
   * @throws TooManyRequestsException when its bucket is empty, with the time until the next token
   */
  void ensureLeft(String key) {
    EstimationProbe probe = buckets.get(key, k -> newBucket()).estimateAbilityToConsume(1);
    if (!probe.canBeConsumed()) {
      throw new TooManyRequestsException(what, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  /** Takes one call of {@code key} when one is left; an empty bucket stays empty. */
  void spend(String key) {
    buckets.get(key, k -> newBucket()).tryConsume(1);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }
}
