package org.keymail.vault.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The policies keymail knows: each a whole number with its name (as stored and as typed), its
 * default, its unit and its bounds.
 */
public enum Policy {
  /** An unlock session ends after this many minutes without use. */
  SESSION_IDLE_MINUTES("session.idle-minutes", 15, 1, 24 * 60, "minutes"),
  /** An unlock session ends this many hours after it was opened, used or not. */
  SESSION_ABSOLUTE_HOURS("session.absolute-hours", 8, 1, 7 * 24, "hours");

  private final String key;
  private final long defaultValue;
  private final long min;
  private final long max;
  private final String unit;

  Policy(String key, long defaultValue, long min, long max, String unit) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.unit = unit;
  }

  /** The name as stored and as administrators type it, e.g. {@code session.idle-minutes}. */
  public String key() {
    return key;
  }

  public long defaultValue() {
    return defaultValue;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  public String unit() {
    return unit;
  }

  /** The policy named {@code key}, if keymail has one. */
  public static Optional<Policy> byKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }

  /**
   * {@code text} as this policy's value.
   *
   * @throws PolicyValueException when it is no whole number or outside the bounds
   */
  long parse(String text) throws PolicyValueException {
    long value;
    try {
      value = Long.parseLong(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      throw new PolicyValueException(
          key + " is a whole number of " + unit + ", not '" + text + "'");
    }
    if (value < min || value > max) {
      throw new PolicyValueException(
          key + " is between " + min + " and " + max + " " + unit + ", not " + value);
    }
    return value;
  }
}
