package org.keymail.smime.address;

import java.util.Objects;
import java.util.Optional;
import org.keymail.smime.internal.VisibleText;

/**
 * What {@link EmailAddress#read(String)} made of a text found in received mail or in a certificate:
 * a usable address, or the reason it is not one. Never an exception, because a sender may write
 * anything there and the verdict must still be given.
 */
public sealed interface AddressReading {

  /** The address, when the text was one keymail can use. */
  Optional<EmailAddress> address();

  /** The text as it was found (hostile input: show it through {@link #shown()} only). */
  String text();

  /** The text quoted and made safe to show (invisible characters as {@code [U+200B]}). */
  default String shown() {
    return VisibleText.quoted(text());
  }

  /** A usable address. */
  record Usable(String text, EmailAddress email) implements AddressReading {
    public Usable {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(email, "email");
    }

    @Override
    public Optional<EmailAddress> address() {
      return Optional.of(email);
    }
  }

  /**
   * Not a usable address.
   *
   * @param text the text as found
   * @param problem the rule it breaks
   * @param explanation why, in a sentence a person reads (safe to show)
   */
  record Unusable(String text, AddressProblem problem, String explanation)
      implements AddressReading {
    public Unusable {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(explanation, "explanation");
    }

    @Override
    public Optional<EmailAddress> address() {
      return Optional.empty();
    }
  }
}
