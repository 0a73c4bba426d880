package org.keymail.vault.policy;

import java.util.ArrayList;
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
      List.of(),
      "An unlock session ends after this many minutes without use."),
  /** An unlock session ends this many hours after it was opened, used or not. */
  SESSION_ABSOLUTE_HOURS(
      "session.absolute-hours",
      Kind.NUMBER,
      8,
      1,
      7 * 24,
      "hours",
      List.of(),
      "An unlock session ends this many hours after it was opened, used or not."),
  /** Users may choose the certificate they sign with (otherwise keymail always picks it). */
  SIGNING_CERTIFICATE_CHOICE(
      "signing.certificate-choice",
      Kind.ON_OFF,
      1,
      0,
      1,
      "",
      List.of(),
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
      List.of(),
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
      Choices.SIGN_IN,
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
      Choices.SIGN_IN,
      "How administrators sign in to the admin console: passkey, certificate, either, or both"
          + " (certificate and PassKey); the API's bearer tokens count as a PassKey."),
  /**
   * Whether mail keymail sends is signed: as each user chooses, on unless they chose, or always.
   */
  MAIL_SIGN(
      "mail.sign",
      Kind.CHOICE,
      0,
      0,
      2,
      "",
      MailRule.NAMES,
      "Whether mail is signed: user-choice (each user's Sign option), default-on (Sign starts on"
          + " for users who never saved their options), or required (Sign is on and locked, and"
          + " keymail refuses to send a message that is not signed)."),
  /**
   * Whether mail keymail sends is encrypted: as each user chooses, on unless they chose, always.
   */
  MAIL_ENCRYPT(
      "mail.encrypt",
      Kind.CHOICE,
      0,
      0,
      2,
      "",
      MailRule.NAMES,
      "Whether mail is encrypted: user-choice (each user's Encrypt option), default-on (Encrypt"
          + " starts on for users who never saved their options), or required (Encrypt is on and"
          + " locked, and keymail refuses to send a message that is not encrypted)."),
  /** The content-encryption algorithms keymail may use when it encrypts. */
  MAIL_ENCRYPTION_ALGORITHMS(
      "mail.encryption-algorithms",
      Kind.SET,
      0b11,
      1,
      0b11,
      "",
      Choices.ENCRYPTION_ALGORITHMS,
      "The algorithms keymail may encrypt mail with (aes-256-gcm, aes-256-cbc): it takes"
          + " aes-256-gcm when every recipient reads it, else aes-256-cbc, and refuses to send when"
          + " neither allowed one suits every recipient; mail already received is read whatever"
          + " its algorithm.");

  /** The named values of the choice and set policies (apart so the constants can use them). */
  private static final class Choices {
    /** The ways to sign in, stored as their position. */
    static final List<String> SIGN_IN = List.of("passkey", "certificate", "either", "both");

    /**
     * The content-encryption algorithms keymail may send with, by the names its S/MIME engine gives
     * them; a set of them is stored with one bit per name, in this order.
     */
    static final List<String> ENCRYPTION_ALGORITHMS = List.of("aes-256-gcm", "aes-256-cbc");
  }

  /** What kind of value a policy holds. */
  public enum Kind {
    /** A whole number between the bounds, in the policy's unit. */
    NUMBER,
    /** On or off, stored as 1 or 0. */
    ON_OFF,
    /** One of a few named values ({@link Policy#choices()}), stored as its position. */
    CHOICE,
    /**
     * One or more of a few named values ({@link Policy#choices()}), stored with one bit per value
     * (the first the lowest).
     */
    SET
  }

  private final String key;
  private final Kind kind;
  private final long defaultValue;
  private final long min;
  private final long max;
  private final String unit;
  private final List<String> choices;
  private final String description;

  Policy(
      String key,
      Kind kind,
      long defaultValue,
      long min,
      long max,
      String unit,
      List<String> choices,
      String description) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.unit = unit;
    this.choices = choices;
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

  /** The named values of a choice or a set, in stored order; empty for other kinds. */
  public List<String> choices() {
    return choices;
  }

  /**
   * {@code value} as people read it: the number, {@code on}/{@code off}, the choice's name, or the
   * names in a set separated by commas.
   */
  public String shown(long value) {
    return switch (kind) {
      case ON_OFF -> value != 0 ? "on" : "off";
      case CHOICE -> value >= 0 && value < choices.size() ? choices.get((int) value) : "?";
      case SET -> String.join(",", members(value));
      case NUMBER -> Long.toString(value);
    };
  }

  /** The names a set policy's {@code value} holds, in the order of {@link #choices()}. */
  public List<String> members(long value) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      if ((value & (1L << i)) != 0) {
        members.add(choices.get(i));
      }
    }
    return List.copyOf(members);
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
    if (kind != Kind.CHOICE && kind != Kind.SET) {
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
   * {@code text} as this policy's value: a whole number within the bounds, for an on/off policy one
   * of on/off, yes/no, true/false, 1/0, for a choice one of its names, and for a set one or more of
   * its names separated by commas or spaces.
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
    if (kind == Kind.SET) {
      return set(typed, text);
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

  private long set(String typed, String text) throws PolicyValueException {
    long value = 0;
    for (String name : typed.toLowerCase(Locale.ROOT).split("[,\\s]+", -1)) {
      if (name.isEmpty()) {
        continue;
      }
      int position = choices.indexOf(name);
      if (position < 0) {
        throw new PolicyValueException(
            key + " lists some of " + String.join(", ", choices) + ", not '" + name + "'");
      }
      value |= 1L << position;
    }
    if (value == 0) {
      throw new PolicyValueException(
          key + " lists at least one of " + String.join(", ", choices) + ", not '" + text + "'");
    }
    return value;
  }
}
