package org.keymail.smime.testing;

import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Property-based checks without a library: a check runs over inputs drawn from one seed per run,
 * and a failure names the seed and the input, so {@code -Dkeymail.test.seed=N} replays the very
 * same run. Each run draws a new seed (from {@link SecureRandom}) unless one is given, so repeated
 * builds keep exploring.
 */
public final class GeneratedCases {

  /** The system property that fixes the seed, to replay a failed run. */
  public static final String SEED_PROPERTY = "keymail.test.seed";

  private GeneratedCases() {}

  /** A check of one generated input; it fails by throwing (an AssertJ assertion, usually). */
  @FunctionalInterface
  public interface Check<T> {
    void accept(T input) throws Exception;
  }

  /**
   * Checks {@code tries} inputs made by {@code generator}. On the first failure, throws an {@link
   * AssertionError} naming the property, the seed, the try and the input (with invisible characters
   * written as {@code U+XXXX}), caused by the failure itself.
   */
  public static <T> void check(
      String property, int tries, Function<SplittableRandom, T> generator, Check<T> check) {
    long seed = Long.getLong(SEED_PROPERTY, new SecureRandom().nextLong());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      T input = generator.apply(random);
      try {
        check.accept(input);
      } catch (Exception | AssertionError failure) {
        throw new AssertionError(
            property
                + " fails at try "
                + (i + 1)
                + " of the run with seed "
                + seed
                + " (replay: -D"
                + SEED_PROPERTY
                + "="
                + seed
                + ") for the input "
                + escaped(String.valueOf(input))
                + ": "
                + failure.getMessage(),
            failure);
      }
    }
  }

  /** One of {@code choices}, equally likely. */
  public static <T> T oneOf(SplittableRandom random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /**
   * {@code text} with every character outside printable ASCII written as {@code \}{@code uXXXX}.
   */
  public static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out.toString();
  }
}
