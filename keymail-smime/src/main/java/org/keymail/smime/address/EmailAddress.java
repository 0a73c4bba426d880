package org.keymail.smime.address;

import java.util.Locale;
import java.util.Objects;

/**
 * An e-mail address as keymail accepts it wherever an address enters or leaves the system:
 * invitations, certificate requests, the certificate profile, the directory, sign-in, and the
 * verifier's comparison of From and Sender with the signer's certificate.
 *
 * <p>The rules ({@link #parse(String)} refuses anything else, naming the rule in an {@link
 * InvalidEmailAddressException}):
 *
 * <ul>
 *   <li>an RFC 5321/5322 addr-spec whose local part is a dot-atom of ASCII letters, digits and
 *       {@code !#$%&'*+-/=?^_`{|}~}: no quoted local parts, comments, encoded words, blanks,
 *       control or invisible characters, and no non-ASCII local part (keymail does not issue RFC
 *       8398 SmtpUTF8Mailbox names);
 *   <li>a domain name of at least two labels, none of them all digits at the top (no IP literals
 *       such as {@code x@[127.0.0.1]}, no {@code a@b});
 *   <li>at most 64 octets before the '@' and 254 in all, counted in the ASCII form.
 * </ul>
 *
 * <p>Internationalised domains are converted to their A-label with {@link java.net.IDN} (IDNA2003,
 * RFC 3490, with the STD3 host-name rules), because it is in the JDK and the engine must not grow a
 * Unicode library for it. IDNA2003 maps some characters where IDNA2008 (RFC 5891) refuses them or
 * keeps them (ß, ς, zero-width joiners, fullwidth letters, upper case): keymail refuses every label
 * whose A-label does not convert back to exactly the label given (modulo case), and every label
 * with a character other than a letter, mark, digit or '-'. What is left converts the same under
 * both versions, so an address never names a different mailbox than the one typed.
 *
 * <p>No conversion loses anything: {@link #ascii()} is printable ASCII and is exactly the address
 * given, except that the domain is in lower case and in its A-label form. Two addresses are equal
 * when their domains are equal and their local parts are equal ignoring ASCII case, as keymail has
 * always compared them.
 *
 * <p>Immutable and safe to share. For text found in received mail or in certificates, which must
 * never make the reader throw, use {@link #read(String)}.
 */
public final class EmailAddress {

  /** At most this many octets in all (RFC 5321's 256 for a path, less the angle brackets). */
  public static final int MAX_LENGTH = 254;

  /** At most this many octets before the '@' (RFC 5321 §4.5.3.1.1). */
  public static final int MAX_LOCAL_PART_LENGTH = 64;

  private final String localPart;
  private final String domain;
  private final String unicodeDomain;

  EmailAddress(String localPart, String domain, String unicodeDomain) {
    this.localPart = localPart;
    this.domain = domain;
    this.unicodeDomain = unicodeDomain;
  }

  /**
   * The address that {@code text} is, by the rules of this class.
   *
   * @throws InvalidEmailAddressException {@code text} breaks one of them; its message names which
   *     and is safe to show
   */
  public static EmailAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    return AddressSyntax.parse(text);
  }

  /**
   * Reads an address found in received mail or in a certificate: the same rules as {@link
   * #parse(String)}, but the answer for a text that breaks them is "not a usable address" with the
   * reason, never an exception, whatever the text holds ({@code null} included).
   */
  public static AddressReading read(String text) {
    if (text == null || text.isEmpty()) {
      return new AddressReading.Unusable("", AddressProblem.EMPTY, "no e-mail address was given");
    }
    try {
      return new AddressReading.Usable(text, AddressSyntax.parse(text));
    } catch (InvalidEmailAddressException refused) {
      return new AddressReading.Unusable(text, refused.problem(), refused.getMessage());
    }
  }

  /** The part before the '@', exactly as given (ASCII). */
  public String localPart() {
    return localPart;
  }

  /** The domain in lower case, internationalised labels as their A-label ({@code xn--…}). */
  public String domain() {
    return domain;
  }

  /** The domain in lower case with internationalised labels in Unicode, for people to read. */
  public String unicodeDomain() {
    return unicodeDomain;
  }

  /** Whether the domain has an internationalised label. */
  public boolean hasInternationalDomain() {
    return !domain.equals(unicodeDomain);
  }

  /**
   * The address in printable ASCII, to store, send and put in certificates: the local part as
   * given, '@', the domain as {@link #domain()}.
   */
  public String ascii() {
    return localPart + "@" + domain;
  }

  /** The address with the domain in Unicode ({@link #unicodeDomain()}), for people to read. */
  public String unicode() {
    return localPart + "@" + unicodeDomain;
  }

  /**
   * The form equal addresses share, for looking an address up: the local part in lower case, '@',
   * the domain as {@link #domain()}.
   */
  public String lookupKey() {
    return localPart.toLowerCase(Locale.ROOT) + "@" + domain;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmailAddress that
        && domain.equals(that.domain)
        && localPart.equalsIgnoreCase(that.localPart); // ASCII only: no locale-dependent folding
  }

  @Override
  public int hashCode() {
    return lookupKey().hashCode();
  }

  /** The {@link #ascii()} form. */
  @Override
  public String toString() {
    return ascii();
  }
}
