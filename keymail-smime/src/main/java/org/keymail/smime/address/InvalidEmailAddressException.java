package org.keymail.smime.address;

import java.util.Objects;

/**
 * A text that keymail does not accept as an e-mail address, with the rule it breaks ({@link
 * #problem()}) and a message a person can act on, e.g. "the local part of 'аlice@example.org'
 * contains the non-ASCII character 'а' (U+0430 CYRILLIC SMALL LETTER A)…". The message shows the
 * text given with invisible characters written as {@code [U+200B]}, so it is safe to display.
 *
 * <p>Unchecked, like {@link IllegalArgumentException} which it is: an address typed into a form is
 * checked once where it enters, and a caller that passes a constant knows it is valid.
 */
public final class InvalidEmailAddressException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final AddressProblem problem;

  InvalidEmailAddressException(AddressProblem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Which rule the text breaks. */
  public AddressProblem problem() {
    return problem;
  }
}
