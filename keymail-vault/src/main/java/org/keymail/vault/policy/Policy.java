package org.keymail.vault.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The policies keymail knows: each with its name (as stored and as typed), its kind (a whole number
 * with a unit and bounds, a yes/no switch stored as 1 or 0, or one of a few named choices stored as
 * its position), its default, and a sentence saying what it does.
 */
public enum Policy {
  /** An unlock session ends after this many minutes without use. */
  SESSION_IDLE_MINUTES(
      "session.idle-minutes",
      Kind.NUMBER,
      15,
      1,
      24 * 60,
      "minutes",
      "An unlock session ends after this many minutes without use."),
  /** An unlock session ends this many hours after it was opened, used or not. */
  SESSION_ABSOLUTE_HOURS(
      "session.absolute-hours",
      Kind.NUMBER,
      8,
      1,
      7 * 24,
      "hours",
      "An unlock session ends this many hours after it was opened, used or not."),
  /** Users may choose the certificate they sign with (otherwise keymail always picks it). */
  SIGNING_CERTIFICATE_CHOICE(
      "signing.certificate-choice",
      Kind.ON_OFF,
      1,
      0,
      1,
      "",
      "Users may choose in their webmail options which certificate signs their mail;"
          + " when off, keymail always picks the best one."),
  /** Only certificates of keys generated inside the vault may be chosen for signing. */
  SIGNING_PASSKEY_CERTIFICATES_ONLY(
      "signing.passkey-certificates-only",
      Kind.ON_OFF,
      0,
      0,
      1,
      "",
      "Users may choose only PassKey certificates (of keys generated inside the vault, never"
          + " imported) to sign with."),
  /** How people sign in to the webmail: PassKey, certificate, either, or both. */
  SIGNIN_WEBMAIL(
      "signin.webmail",
      Kind.CHOICE,
      0,
      0,
      3,
      "",
      "How people sign in to the webmail: passkey (a PassKey and its access code), certificate"
          + " (a smart-card or client certificate), either, or both (certificate and PassKey)."),
  /** How administrators sign in to the admin console: PassKey, certificate, either, or both. */
  SIGNIN_ADMIN_CONSOLE(
      "signin.admin-console",
      Kind.CHOICE,
      0,
      0,
      3,
      "",
      "How administrators sign in to the admin console: passkey, certificate, either, or both"
          + " (certificate and PassKey); the API's bearer tokens count as a PassKey.");

  /** The values of a {@link Kind#CHOICE} policy, stored as their position in this list. */
  private static final List<String> SIGN_IN_CHOICES =
      List.of("passkey", "certificate", "either", "both");

  /** What kind of value a policy holds. */
  public enum Kind {
    /** A whole number between the bounds, in the policy's unit. */
    NUMBER,
    /** On or off, stored as 1 or 0. */
    ON_OFF,
    /** One of a few named values ({@link Policy#choices()}), stored as its position. */
    CHOICE
  }

  private final String key;
  private final Kind kind;
  private final long defaultValue;
  private final long min;
  private final long max;
  private final String unit;
  private final String description;

  Policy(
      String key,
      Kind kind,
      long defaultValue,
      long min,
      long max,
      String unit,
      String description) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.unit = unit;
    this.description = description;
  }

  /** The name as stored and as administrators type it, e.g. {@code session.idle-minutes}. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
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

  /** What a number counts, e.g. {@code minutes}; empty for an on/off policy. */
  public String unit() {
    return unit;
  }

  /** One sentence saying what the policy does, for lists and the documentation. */
  public String description() {
    return description;
  }

  /** The named values of a choice, in stored order; empty for other kinds. */
  public List<String> choices() {
    return kind == Kind.CHOICE ? SIGN_IN_CHOICES : List.of();
  }

  /** {@code value} as people read it: the number, {@code on}/{@code off}, or the choice's name. */
  public String shown(long value) {
    return switch (kind) {
      case ON_OFF -> value != 0 ? "on" : "off";
      case CHOICE -> value >= 0 && value < choices().size() ? choices().get((int) value) : "?";
      case NUMBER -> Long.toString(value);
    };
  }

  /** The policy named {@code key}, if keymail has one. */
  public static Optional<Policy> byKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }

  /**
   * A value as the {@code policies} table stores it: the number itself (for a choice, its
   * position), checked against the bounds.
   *
   * @throws PolicyValueException when it is out of bounds or no number
   */
  long stored(String text) throws PolicyValueException {
    if (kind != Kind.CHOICE) {
      return parse(text);
    }
    try {
      long position = Long.parseLong(text == null ? "" : text.strip());
      if (position >= min && position <= max) {
        return position;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new PolicyValueException(key + " holds '" + text + "', which is no choice of it");
  }

  /**
   * {@code text} as this policy's value: a whole number within the bounds, or for an on/off policy
   * one of on/off, yes/no, true/false, 1/0.
   *
   * @throws PolicyValueException when it is none of those
   */
  long parse(String text) throws PolicyValueException {
    String typed = text == null ? "" : text.strip();
    if (kind == Kind.ON_OFF) {
      return switch (typed.toLowerCase(Locale.ROOT)) {
        case "on", "yes", "true", "1" -> 1;
        case "off", "no", "false", "0" -> 0;
        default -> throw new PolicyValueException(key + " is on or off, not '" + text + "'");
      };
    }
    if (kind == Kind.CHOICE) {
      int position = choices().indexOf(typed.toLowerCase(Locale.ROOT));
      if (position < 0) {
        throw new PolicyValueException(
            key + " is one of " + String.join(", ", choices()) + ", not '" + text + "'");
      }
      return position;
    }
    long value;
    try {
      value = Long.parseLong(typed);
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
