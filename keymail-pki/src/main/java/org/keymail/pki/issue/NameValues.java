package org.keymail.pki.issue;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The one way keymail turns a name or an address into an ASN.1 string. An IA5String (an rfc822Name,
 * an emailAddress attribute) takes ASCII only, so a value with any other character is refused here
 * rather than written byte by byte, which would turn {@code аlice} (Cyrillic а) into {@code 0lice},
 * someone else's address. A common name (a UTF8String) is cut to the 64 characters X.520 allows,
 * never in the middle of a character.
 */
public final class NameValues {

  /** X.520's ub-common-name and ub-organization-name. */
  public static final int MAX_NAME = 64;

  private NameValues() {}

  /**
   * An IA5String of {@code ascii}.
   *
   * @throws IllegalArgumentException when it holds a character outside printable ASCII
   */
  public static DERIA5String ia5(String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException(
            "'"
                + ascii
                + "' holds the character U+"
                + String.format("%04X", (int) c)
                + ", which an IA5String (an e-mail address in a certificate) cannot carry");
      }
    }
    return new DERIA5String(ascii, true);
  }

  /** An rfc822Name subject alternative name for the ASCII address {@code address}. */
  public static GeneralName rfc822Name(String address) {
    return new GeneralName(GeneralName.rfc822Name, ia5(address));
  }

  /** A distinguished name of a common name (cut to fit) and, when given, an e-mail address. */
  public static X500NameBuilder commonNameAndEmail(
      X500NameBuilder builder, String commonName, String address) {
    builder.addRDN(BCStyle.CN, fitted(commonName));
    if (address != null) {
      builder.addRDN(BCStyle.EmailAddress, (ASN1Encodable) ia5(address));
    }
    return builder;
  }

  /** {@code name} stripped and cut to {@link #MAX_NAME} characters (code points). */
  public static String fitted(String name) {
    String trimmed = name.strip();
    if (trimmed.codePointCount(0, trimmed.length()) <= MAX_NAME) {
      return trimmed;
    }
    return trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_NAME)).strip();
  }
}
