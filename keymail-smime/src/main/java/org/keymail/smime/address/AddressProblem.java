package org.keymail.smime.address;

/**
 * Why keymail refuses a text as an e-mail address: one value per rule of {@link EmailAddress}, so a
 * form can point at the mistake and a test can name the rule without matching English text.
 */
public enum AddressProblem {
  /** Nothing was given. */
  EMPTY,
  /** More than 254 octets in all (RFC 5321 §4.5.3.1.3 with the angle brackets taken off). */
  TOO_LONG,
  /** A control character (NUL, CR, LF, TAB, DEL, C1 controls…). */
  CONTROL_CHARACTER,
  /** A space or another blank, which no address keymail accepts contains. */
  WHITESPACE,
  /** A character that does not show: zero-width, direction marks, unassigned code points. */
  INVISIBLE_CHARACTER,
  /** A comment in parentheses (RFC 5322 CFWS), which is not part of the address. */
  COMMENT,
  /** No '@' between local part and domain. */
  NO_AT_SIGN,
  /** More than one '@'. */
  MORE_THAN_ONE_AT_SIGN,
  /**
   * A quoted local part ({@code "john doe"@example.org}): legal, but keymail accepts dot-atoms
   * only.
   */
  QUOTED_LOCAL_PART,
  /** An RFC 2047 encoded word ({@code =?utf-8?q?…?=}), which RFC 2047 §5 forbids in an address. */
  ENCODED_WORD,
  /** A non-ASCII local part (an RFC 6531 SmtpUTF8Mailbox), which keymail does not issue. */
  NON_ASCII_LOCAL_PART,
  /** A character that is not allowed in the local part of a dot-atom ({@code < > , ; : [ ] \}). */
  FORBIDDEN_CHARACTER,
  /** A dot at the start or end of the local part, or two dots in a row. */
  MISPLACED_DOT,
  /** A local part longer than 64 octets (RFC 5321 §4.5.3.1.1). */
  LOCAL_PART_TOO_LONG,
  /** Nothing after the '@'. */
  NO_DOMAIN,
  /** An IP address literal ({@code x@[127.0.0.1]}) instead of a domain name. */
  IP_LITERAL_DOMAIN,
  /** A domain of one label ({@code a@b}), which no public mail domain is. */
  SINGLE_LABEL_DOMAIN,
  /** An empty label: a dot at the start or end of the domain, or two dots in a row. */
  EMPTY_DOMAIN_LABEL,
  /** A character no host name may contain (anything but letters, digits and '-'). */
  FORBIDDEN_DOMAIN_CHARACTER,
  /** A label that starts or ends with '-'. */
  HYPHEN_AT_LABEL_END,
  /** A label with "--" in its third and fourth places that is not an IDNA A-label ("xn--"). */
  RESERVED_LABEL,
  /** A label longer than 63 octets in its ASCII form. */
  DOMAIN_LABEL_TOO_LONG,
  /** A top-level domain made of digits only, which is how IP addresses look. */
  NUMERIC_TOP_LEVEL_DOMAIN,
  /** An "xn--" label that is not the A-label of any valid internationalised label. */
  INVALID_A_LABEL,
  /** An internationalised label not written in Unicode normalisation form C. */
  DOMAIN_NOT_NFC,
  /** An internationalised label that starts with a combining mark. */
  LABEL_STARTS_WITH_MARK,
  /** IDNA would map a character to another (ß to ss, ｅ to e, ς to σ): refused, not changed. */
  IDNA_CHANGES_DOMAIN,
  /** IDNA cannot convert the label (characters unknown to it, mixed text directions). */
  IDNA_REFUSES_DOMAIN
}
